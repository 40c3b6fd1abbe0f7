/** Name parts for generated customers: varied, common in the Pacific Northwest, all fictional combinations. */
export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen',
  'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley',
  'Andrew', 'Kimberly', 'Joshua', 'Emily', 'Kevin', 'Donna', 'Brian', 'Michelle', 'George', 'Carol',
  'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Minh', 'Linh', 'Arjun', 'Priya', 'Carlos', 'Sofia',
  'Diego', 'Camila', 'Luis', 'Valentina', 'Mateo', 'Isabella', 'Omar', 'Amira', 'Kwame', 'Ama',
  'Liam', 'Olivia', 'Noah', 'Emma', 'Ethan', 'Ava', 'Lucas', 'Mia', 'Mason', 'Harper',
  'Logan', 'Evelyn', 'Aiden', 'Abigail', 'Jackson', 'Ella', 'Sebastian', 'Scarlett', 'Owen', 'Grace',
  'Tomas', 'Ingrid', 'Lars', 'Astrid', 'Nikolai', 'Anya', 'Ravi', 'Deepa', 'Jae', 'Soo-ah',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Tanaka', 'Suzuki', 'Kim', 'Park', 'Choi',
  'Patel', 'Shah', 'Singh', 'Kumar', 'Tran', 'Pham', 'Olsen', 'Larsen', 'Johansson', 'Lindqvist',
  'Okafor', 'Mensah', 'Haddad', 'Nasser', 'Novak', 'Kowalski', 'Ivanova', 'Murphy', 'Kelly', 'Sullivan',
];

/** Telephone area codes by store slug (online customers get any of them). */
export const AREA_CODES: Record<string, readonly string[]> = {
  seattle: ['206'],
  bellevue: ['425'],
  tacoma: ['253'],
  spokane: ['509'],
  everett: ['425'],
  redmond: ['425'],
  kirkland: ['425'],
  online: ['206', '253', '360', '425', '509'],
};
