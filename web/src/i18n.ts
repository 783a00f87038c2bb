// Interface text in Chinese (default) and English.

export type Language = 'zh-CN' | 'en';

const text = {
  'zh-CN': {
    title: '生命线',
    documentTitle: '生命线 · 健康报名',
    switchTo: 'English',
    kindsLabel: '活动类型',
    all: '全部',
    blood_drive: '无偿献血',
    outreach: '义诊与筛查',
    cpr_training: '急救培训',
    quiz: '健康达人答题',
    loading: '正在加载…',
    empty: '暂时没有可报名的活动。',
    failed: '加载失败，请检查网络后重试。',
    retry: '重试',
    dates: (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`),
  },
  en: {
    title: 'Lifeline',
    documentTitle: 'Lifeline · Health sign-ups',
    switchTo: '中文',
    kindsLabel: 'Kinds of campaign',
    all: 'All',
    blood_drive: 'Blood drives',
    outreach: 'Clinics & screening',
    cpr_training: 'CPR training',
    quiz: 'Health Expert quiz',
    loading: 'Loading…',
    empty: 'No campaigns are open for sign-up right now.',
    failed: 'Could not load. Check your connection and try again.',
    retry: 'Try again',
    dates: (from: string, to: string) => (from === to ? from : `${from} to ${to}`),
  },
} as const;

const STORAGE_KEY = 'lifeline.language';

export function currentLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage can be blocked in some in-app browsers
  }
}

export function setLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // the choice then lasts for this page only
  }
}

export const strings = () => text[currentLanguage()];
