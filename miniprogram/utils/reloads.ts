/**
 * Pull-to-refresh and 重试 for a page whose data comes from one `load()` (resolving once its data
 * or its error is shown): the page declares `load` and gets both handlers. A page's own handler
 * of the same name overrides this one.
 */
type Loads = { load(): Promise<unknown> };

export const reloads = Behavior({
  methods: {
    onPullDownRefresh() {
      void (this as unknown as Loads).load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      void (this as unknown as Loads).load();
    },
  },
});
