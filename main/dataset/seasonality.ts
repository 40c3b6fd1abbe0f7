/**
 * Monthly demand multipliers (Jan..Dec) per category for Washington State: wet, dark
 * winters (lighting, plumbing repairs from frozen pipes, organising after the holidays),
 * dry summers (gardens, decks, painting), and a holiday peak for tools.
 */
export const CATEGORY_SEASONALITY: Record<string, readonly number[]> = {
  'Garden & Outdoor': [0.35, 0.5, 0.95, 1.45, 1.85, 1.8, 1.6, 1.3, 1.0, 0.7, 0.45, 0.45],
  'Lumber & Building Materials': [0.6, 0.7, 0.95, 1.15, 1.35, 1.45, 1.4, 1.3, 1.1, 0.9, 0.65, 0.55],
  'Paint & Finishes': [0.55, 0.65, 0.9, 1.2, 1.4, 1.45, 1.45, 1.35, 1.1, 0.85, 0.65, 0.55],
  'Power Tools': [0.85, 0.8, 0.9, 1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 1.0, 1.4, 1.9],
  'Hand Tools': [0.9, 0.85, 0.95, 1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 1.0, 1.2, 1.55],
  Electrical: [1.3, 1.15, 1.0, 0.9, 0.85, 0.8, 0.8, 0.85, 0.95, 1.1, 1.3, 1.4],
  Plumbing: [1.4, 1.25, 1.05, 0.95, 0.9, 0.85, 0.85, 0.85, 0.9, 1.0, 1.2, 1.45],
  Hardware: [0.95, 0.95, 1.0, 1.05, 1.05, 1.05, 1.0, 1.0, 1.0, 1.0, 0.95, 0.95],
  'Storage & Organization': [1.5, 1.25, 1.05, 0.95, 0.9, 0.85, 0.9, 1.1, 1.25, 0.95, 0.9, 1.05],
};

/** Relative share of item lines per category across the year. */
export const CATEGORY_SHARE: Record<string, number> = {
  'Garden & Outdoor': 1.3,
  'Lumber & Building Materials': 1.0,
  'Paint & Finishes': 1.1,
  'Power Tools': 1.0,
  'Hand Tools': 1.0,
  Electrical: 1.0,
  Plumbing: 0.9,
  Hardware: 1.2,
  'Storage & Organization': 0.8,
};

/** Year-on-year growth of order volume; 2020's pandemic DIY boom included. */
export const YEAR_GROWTH: Record<number, number> = { 2020: 1.0, 2021: 1.12, 2022: 1.05, 2023: 1.09, 2024: 1.15, 2025: 1.22 };

export const FIRST_DAY = '2020-01-01';
export const LAST_DAY = '2025-12-31';
