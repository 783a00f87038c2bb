// Volunteer service hours and the star levels of the national volunteer awards
// (星级志愿者: one star at 120 hours, then every 120 hours up to five at 600). Pure.

export const STAR_HOURS = [120, 240, 360, 480, 600] as const;

/** Hours from minutes, to the tenth: what the page and the award count. */
export const hoursOf = (minutes: number) => Math.floor(minutes / 6) / 10;

/** Stars reached (0–5) with these hours. */
export const starsFor = (hours: number) => STAR_HOURS.filter((threshold) => hours >= threshold).length;

/** The hours the next star needs, or null at five stars. */
export const nextStarHours = (hours: number) => STAR_HOURS.find((threshold) => hours < threshold) ?? null;
