// Fuzzing the money routes (decision 0031): see support/fuzz.ts.
import { fuzzFile } from './support/fuzz.js';

await fuzzFile('money');
