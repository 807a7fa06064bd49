import { initCloud } from './services/api';
import { currentRuntime } from './services/config';

App({
  onLaunch() {
    const runtime = currentRuntime();
    if (runtime.kind === 'cloud') initCloud(runtime.env);
  },
});
