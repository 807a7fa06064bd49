/** Toast, loading, modal and action sheet: WeChat's own dialogs, drawn by the phone (ui.ts). */
import { hideToast, isToastShowing, showActionSheet, showModal, showToast, type ToastIcon } from '../ui';
import { asyncApi, failure } from './callbacks';

export function interactionApi() {
  return {
    showToast: asyncApi(
      'showToast',
      async ({ title = '', icon = 'success', duration = 1500, mask = false }: { title?: string; icon?: ToastIcon; duration?: number; mask?: boolean }) => {
        showToast(title, icon, duration, mask);
        return {};
      },
    ),
    hideToast: asyncApi('hideToast', async () => {
      hideToast();
      return {};
    }),
    showLoading: asyncApi('showLoading', async ({ title = '', mask = false }: { title?: string; mask?: boolean }) => {
      showToast(title, 'loading', null, mask);
      return {};
    }),
    hideLoading: asyncApi('hideLoading', async () => {
      if (isToastShowing()) hideToast();
      return {};
    }),
    showModal: asyncApi(
      'showModal',
      async (o: {
        title?: string;
        content?: string;
        showCancel?: boolean;
        cancelText?: string;
        cancelColor?: string;
        confirmText?: string;
        confirmColor?: string;
        editable?: boolean;
        placeholderText?: string;
      }) => {
        const answer = await showModal({
          title: o.title ?? '',
          content: o.content ?? '',
          showCancel: o.showCancel ?? true,
          cancelText: o.cancelText ?? '取消',
          cancelColor: o.cancelColor ?? '#000000',
          confirmText: o.confirmText ?? '确定',
          confirmColor: o.confirmColor ?? '#576B95',
          editable: o.editable ?? false,
          placeholderText: o.placeholderText ?? '',
        });
        return { ...answer, cancel: !answer.confirm };
      },
    ),
    showActionSheet: asyncApi(
      'showActionSheet',
      async ({ itemList = [], itemColor = '#000000', alertText = '' }: { itemList?: string[]; itemColor?: string; alertText?: string }) => {
        if (!itemList.length || itemList.length > 6) throw failure('showActionSheet', 'parameter error: itemList should have 1 to 6 items');
        const tapIndex = await showActionSheet(itemList, itemColor, alertText);
        if (tapIndex === null) throw failure('showActionSheet', 'cancel');
        return { tapIndex };
      },
    ),
  };
}
