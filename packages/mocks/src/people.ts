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
  'Edsger',
  'Radia',
  'Tim',
  'Hedy',
  'John',
  'Shafi',
  'Donald',
  'Sophie',
  'Niklaus',
  'Anita',
  'Bjarne',
  'Joan',
  'Guido',
  'Mary',
  'James',
  'Evelyn',
  'Yukihiro',
  'Karen',
  'Brian',
  'Lynn',
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
  'Allen',
  'Dijkstra',
  'Perlman',
  'Berners',
  'Lamarr',
  'McCarthy',
  'Goldwasser',
  'Knuth',
  'Wilson',
  'Wirth',
  'Borg',
  'Stroustrup',
  'Clarke',
  'Rossum',
  'Keller',
  'Gosling',
  'Boyd',
  'Matsumoto',
  'Jones',
  'Kernighan',
  'Conway',
];

export interface Person {
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
}

/** The n-th fake person: every first name with every last name, then numbered. Emails are unique. */
export function person(n: number): Person {
  const givenName = FIRST[n % FIRST.length] as string;
  const familyName = LAST[Math.floor(n / FIRST.length) % LAST.length] as string;
  const round = Math.floor(n / (FIRST.length * LAST.length));
  const local = `${givenName}.${familyName}${round > 0 ? round + 1 : ''}`.toLowerCase();
  return { givenName, familyName, displayName: `${givenName} ${familyName}`, email: `${local}@acme.test` };
}

const GROUPS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Support',
  'Finance',
  'People Ops',
  'Design',
  'Legal',
  'Security',
  'Data',
  'Product',
  'Operations',
  'IT',
  'Research',
  'Partnerships',
  'Success',
];

/** The n-th fake group name, numbered after the list runs out. */
export function groupName(n: number): string {
  const name = GROUPS[n % GROUPS.length] as string;
  const round = Math.floor(n / GROUPS.length);
  return round > 0 ? `${name} ${round + 1}` : name;
}
