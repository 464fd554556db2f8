/** The languages of the UI and of every text the engine writes. */
export type Locale = 'ja' | 'en';
