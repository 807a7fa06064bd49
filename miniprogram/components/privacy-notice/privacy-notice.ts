/**
 * "提交即表示您已阅读并同意《联防隐私保护指引》" under a form that collects personal data; the
 * title opens WeChat's page of the privacy contract, and says so on screen when it cannot. The
 * consent sheet uses it too, with its own lead.
 */
import { CONTRACT_FAILED, CONTRACT_TITLE, openContract } from '../../services/privacy';

Component({
  options: { styleIsolation: 'apply-shared' },

  properties: {
    /** The words before the title. */
    lead: { type: String, value: '提交即表示您已阅读并同意' },
  },

  data: {
    title: CONTRACT_TITLE,
    error: '',
  },

  methods: {
    async onOpen() {
      this.setData({ error: '' });
      if (!(await openContract())) this.setData({ error: CONTRACT_FAILED });
    },
  },
});
