import polyglotI18nProvider from 'ra-i18n-polyglot';
import en from './en';
import ja from './ja';

/** Japanese first; English selectable from the user menu. The choice is kept by react-admin. */
export const i18nProvider = polyglotI18nProvider((locale) => (locale === 'en' ? en : ja), 'ja', [
  { locale: 'ja', name: '日本語' },
  { locale: 'en', name: 'English' },
]);
