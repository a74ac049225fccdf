import { alpha, createTheme, type PaletteOptions, type Theme, type ThemeOptions } from '@mui/material/styles';
import type { RaThemeOptions } from 'react-admin';

/**
 * Tandem's look: indigo for Tandem itself, a cyan accent for the second platform of the pair, calm
 * greys, clear type with tabular numbers (XP and coins line up in columns), rounded cards.
 */
export const brand = {
  indigo: '#4f46e5',
  cyan: '#22b8cf',
  telegram: '#229ed9',
  discord: '#5865f2',
} as const;

const fontFamily =
  'Inter, "Segoe UI Variable", "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif';

const shared = {
  success: { main: '#12b886' },
  warning: { main: '#f59f00' },
  error: { main: '#e03131' },
  info: { main: brand.cyan },
};

const lightPalette: PaletteOptions = {
  mode: 'light',
  primary: { main: brand.indigo, light: '#818cf8', dark: '#3730a3', contrastText: '#fff' },
  secondary: { main: brand.cyan, contrastText: '#fff' },
  background: { default: '#f4f5fa', paper: '#ffffff' },
  text: { primary: '#1f2333', secondary: '#5f6478' },
  divider: '#e6e8f0',
  ...shared,
};

const darkPalette: PaletteOptions = {
  mode: 'dark',
  primary: { main: '#8b8cf8', light: '#a5b4fc', dark: '#4f46e5', contrastText: '#0f1020' },
  secondary: { main: '#3bc9db', contrastText: '#0f1020' },
  background: { default: '#10121b', paper: '#171a26' },
  divider: '#262a3b',
  ...shared,
};

function components(theme: Theme): ThemeOptions['components'] {
  const line = theme.palette.divider;
  return {
    MuiAppBar: {
      styleOverrides: {
        colorSecondary: {
          backgroundColor: theme.palette.background.paper,
          color: theme.palette.text.primary,
          boxShadow: 'none',
          borderBottom: `1px solid ${line}`,
        },
      },
    },
    MuiPaper: {
      styleOverrides: {
        rounded: { borderRadius: 12 },
        elevation1: { boxShadow: `0 1px 2px ${alpha('#1f2333', 0.06)}, 0 0 0 1px ${line}` },
      },
    },
    MuiCard: { defaultProps: { elevation: 1 } },
    MuiButton: {
      defaultProps: { disableElevation: true },
      styleOverrides: { root: { textTransform: 'none', fontWeight: 600, borderRadius: 8 } },
    },
    MuiChip: { styleOverrides: { root: { fontWeight: 600 }, sizeSmall: { height: 22 } } },
    MuiTextField: { defaultProps: { variant: 'outlined', margin: 'dense', size: 'small', fullWidth: true } },
    MuiFormControl: {
      defaultProps: { variant: 'outlined', margin: 'dense', size: 'small', fullWidth: true },
    },
    MuiAutocomplete: { defaultProps: { fullWidth: true } },
    MuiTableCell: {
      styleOverrides: {
        root: { borderBottom: `1px solid ${line}` },
        head: {
          fontWeight: 700,
          fontSize: '0.75rem',
          letterSpacing: '0.04em',
          textTransform: 'uppercase',
          color: theme.palette.text.secondary,
        },
      },
    },
    MuiTableRow: { styleOverrides: { root: { '&:last-child td': { borderBottom: 0 } } } },
    MuiListItemIcon: { styleOverrides: { root: { minWidth: 40 } } },
    RaMenuItemLink: {
      styleOverrides: {
        root: {
          margin: '1px 8px',
          borderRadius: 8,
          '&.RaMenuItemLink-active': {
            backgroundColor: alpha(theme.palette.primary.main, 0.12),
            color: theme.palette.primary.main,
            fontWeight: 600,
            '& .MuiSvgIcon-root': { color: theme.palette.primary.main },
          },
        },
      },
    },
    RaLayout: { styleOverrides: { root: { '& .RaLayout-content': { paddingTop: theme.spacing(1) } } } },
    RaToolbar: {
      styleOverrides: {
        root: { backgroundColor: 'transparent', borderTop: `1px solid ${line}` },
      },
    },
    RaSimpleFormIterator: { defaultProps: { fullWidth: true } },
  };
}

function tandemTheme(palette: PaletteOptions): RaThemeOptions {
  const theme = createTheme({
    palette,
    shape: { borderRadius: 8 },
    // Wide enough for the Russian menu labels ("Правила начисления") on one line.
    sidebar: { width: 280, closedWidth: 56 },
    typography: {
      fontFamily,
      fontSize: 14,
      h4: { fontWeight: 700, letterSpacing: '-0.02em' },
      h5: { fontWeight: 700, letterSpacing: '-0.01em' },
      h6: { fontWeight: 650 },
      subtitle2: { fontWeight: 650 },
      button: { fontWeight: 600 },
      body2: { fontVariantNumeric: 'tabular-nums' },
    },
  } as ThemeOptions);
  return createTheme(theme, { components: components(theme) }) as RaThemeOptions;
}

export const lightTheme = tandemTheme(lightPalette);
export const darkTheme = tandemTheme(darkPalette);
