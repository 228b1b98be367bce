// The names the fake directories give their people: the n-th person's, stable, so tests can find them again.
const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
];

export function fakeName(n: number): { first: string; last: string } {
  return {
    first: FIRST[n % FIRST.length] ?? 'Ada',
    last: LAST[Math.floor(n / FIRST.length) % LAST.length] ?? 'Lovelace',
  };
}
