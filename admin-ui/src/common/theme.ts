import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's themes with labels as written: MUI upper-cases buttons and tabs (through
 * typography.button), which turns e-learning into E-LEARNING and Excel into EXCEL.
 */
const asWritten = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  typography: { ...theme.typography, button: { textTransform: 'none' } },
});

export const lightTheme = asWritten(defaultLightTheme);
export const darkTheme = asWritten(defaultDarkTheme);
