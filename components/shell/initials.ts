/**
 * The initials shown for a person: the first letters of the first and last words of their name
 * ("Avery Admin" → "AA", "Mary Ann Smith" → "MS", "Cher" → "C"). Words that do not start with a
 * letter ("(contractor)", "–", emoji) are skipped.
 */
export const initialsOf = (name: string) => {
  const letters = name
    .split(/\s+/)
    .map((word) => /^\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => Boolean(letter));
  const picked = letters.length > 1 ? [letters[0], letters.at(-1)] : letters;
  return picked.join("").toLocaleUpperCase();
};
