/** Identifiers shaped like MLflow's, so exported runs are valid in MLflow's file store. */

function randomBytes(n: number): Uint8Array {
  // getRandomValues (unlike randomUUID) needs no secure context, and exists in pages, workers and Node.
  return crypto.getRandomValues(new Uint8Array(n));
}

/** 32 lowercase hex characters: a uuid4 without dashes, as MLflow's run ids. */
export function newRunId(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A string of 18 digits, as MLflow's FileStore makes them: random rather than sequential so that experiments
 * created in two browsers and merged by an import do not collide.
 */
export function newExperimentId(): string {
  const bytes = randomBytes(8);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return (100_000_000_000_000_000n + (n % 900_000_000_000_000_000n)).toString();
}

// A subset of MLflow's word lists (mlflow/utils/name_utils.py).
const PREDICATES = [
  'abundant', 'able', 'adaptable', 'agreeable', 'amazing', 'ambitious', 'amusing', 'auspicious', 'awesome',
  'bald', 'beautiful', 'bedecked', 'bemused', 'blushing', 'bold', 'brawny', 'bright', 'calm', 'capable',
  'carefree', 'casual', 'caring', 'charming', 'classy', 'clean', 'clumsy', 'colorful', 'crawling', 'dapper',
  'debonair', 'delicate', 'efficient', 'enchanting', 'fearless', 'flawless', 'fortunate', 'funny', 'gaudy',
  'gentle', 'gifted', 'glamorous', 'grandiose', 'gregarious', 'handsome', 'hilarious', 'honorable',
  'illustrious', 'incongruous', 'indecisive', 'judicious', 'kindly', 'learned', 'legendary', 'likeable',
  'loud', 'luminous', 'magnificent', 'marvelous', 'masked', 'melodic', 'merciful', 'mercurial', 'monumental',
  'mysterious', 'nebulous', 'nervous', 'nimble', 'nosy', 'omniscient', 'orderly', 'overjoyed', 'peaceful',
  'polite', 'popular', 'powerful', 'puzzled', 'rambunctious', 'rare', 'rebellious', 'respected', 'resilient',
  'righteous', 'rogue', 'rumbling', 'salty', 'sassy', 'secretive', 'selective', 'sedate', 'serious',
  'shivering', 'skillful', 'sincere', 'skittish', 'silent', 'smiling', 'sneaky', 'sophisticated', 'spiffy',
  'stately', 'suave', 'stylish', 'tasteful', 'thoughtful', 'thundering', 'traveling', 'treasured', 'trusting',
  'unequaled', 'upset', 'unique', 'unleashed', 'useful', 'upbeat', 'unruly', 'valuable', 'vaunted',
  'victorious', 'welcoming', 'whimsical', 'wistful', 'wise', 'worried', 'youthful', 'zealous',
];
const NOUNS = [
  'ant', 'ape', 'asp', 'auk', 'bass', 'bat', 'bear', 'bee', 'bird', 'boar', 'bug', 'calf', 'carp', 'cat',
  'chimp', 'cod', 'colt', 'conch', 'cow', 'crab', 'crane', 'croc', 'crow', 'cub', 'deer', 'doe', 'dog',
  'dolphin', 'donkey', 'dove', 'duck', 'eel', 'elk', 'fawn', 'finch', 'fish', 'flea', 'fly', 'foal', 'fowl',
  'fox', 'frog', 'gnat', 'gnu', 'goat', 'goose', 'grouse', 'grub', 'gull', 'hare', 'hawk', 'hen', 'hog',
  'horse', 'hound', 'jay', 'kit', 'kite', 'koi', 'lamb', 'lark', 'loon', 'lynx', 'mare', 'midge', 'mink',
  'mole', 'moose', 'moth', 'mouse', 'mule', 'newt', 'owl', 'ox', 'panda', 'penguin', 'perch', 'pig', 'pug',
  'quail', 'ram', 'rat', 'ray', 'robin', 'roo', 'rook', 'seal', 'shad', 'shark', 'sheep', 'shoat', 'shrew',
  'shrike', 'shrimp', 'skink', 'skunk', 'sloth', 'slug', 'smelt', 'snail', 'snake', 'snipe', 'sow', 'sponge',
  'squid', 'squirrel', 'stag', 'steed', 'stoat', 'stork', 'swan', 'tern', 'toad', 'trout', 'turtle', 'vole',
  'wasp', 'whale', 'wolf', 'worm', 'wren', 'yak', 'zebra',
];

/** A readable run name like MLflow's: `adjective-noun-123`. */
export function newRunName(): string {
  const [a, b, c] = randomBytes(6).reduce<number[]>((acc, byte, i) => {
    acc[i >> 1] = ((acc[i >> 1] ?? 0) << 8) | byte;
    return acc;
  }, []);
  return `${PREDICATES[a % PREDICATES.length]}-${NOUNS[b % NOUNS.length]}-${c % 1000}`;
}
