// How both apps speak: Chinese by default, English on request. The choice is kept on the device
// (one key for both apps, so a volunteer who switched once sees it everywhere) and each app's
// catalogue is looked up through `catalogue()`.

export type Language = 'zh-CN' | 'en';

const STORAGE_KEY = 'lifeline.language';
/** The choice when storage is blocked (some in-app browsers): it lasts for this page. */
let chosen: Language | undefined;

export function currentLanguage(): Language {
  if (chosen) return chosen;
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Chinese ↔ English, remembered for the next visit. */
export function switchLanguage() {
  chosen = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(STORAGE_KEY, chosen);
  } catch {
    // kept in `chosen` for this page
  }
}

/** A catalogue's words in the current language: `const s = strings()` at the top of a page. */
export const catalogue =
  <Words>(words: Record<Language, Words>) =>
  (): Words =>
    words[currentLanguage()];
