// The words of the building blocks both apps share (loading, retry, a required field, the
// language switch). Each app's catalogue starts with these, so a page says `s.retry` whichever
// app it is in, and the words are written once.
import { catalogue } from './strings.ts';

const zhCN = {
  switchTo: 'English',
  switchToLabel: 'Switch to English',
  skipToContent: '跳到正文',
  loading: '正在加载…',
  stillLoading: '网络较慢，仍在加载。',
  failed: '出错了，请稍后重试。',
  offline: '网络连接失败，请检查网络后重试。',
  timeout: '网络太慢，请求超时了，请重试。',
  retry: '重试',
  notFoundTitle: '页面不存在',
  notFoundText: '这个地址没有内容。',
  required: '此项为必填项。',
  notANumber: '请输入数字。',
  optional: '（选填）',
  choose: '请选择',
  save: '保存',
  saving: '正在保存…',
  /** Sentences one after another: Chinese puts no space between them. */
  sentences: (...parts: string[]) => parts.join(''),
};

export type SharedWords = typeof zhCN;

const en: SharedWords = {
  switchTo: '中文',
  switchToLabel: '切换到中文',
  skipToContent: 'Skip to content',
  loading: 'Loading…',
  stillLoading: 'The network is slow; still loading.',
  failed: 'Something went wrong. Please try again.',
  offline: 'No connection. Check your network and try again.',
  timeout: 'The network is too slow and the request timed out. Please try again.',
  retry: 'Try again',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is nothing at this address.',
  required: 'This field is required.',
  notANumber: 'Enter a number.',
  optional: '(optional)',
  choose: 'Choose…',
  save: 'Save',
  saving: 'Saving…',
  sentences: (...parts) => parts.join(' '),
};

export const sharedWords = { 'zh-CN': zhCN, en };

export const words = catalogue(sharedWords);
