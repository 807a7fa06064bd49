import { initCloud } from './services/api';
import { currentRuntime } from './services/config';
import { watchPrivacy } from './services/privacy';

App({
  onLaunch() {
    // WeChat's privacy check asks through one listener, registered before any page can call a privacy API.
    watchPrivacy();
    const runtime = currentRuntime();
    if (runtime.kind === 'cloud') initCloud(runtime.env);
  },
});
