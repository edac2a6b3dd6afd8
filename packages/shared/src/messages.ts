import { z } from 'zod';

/**
 * Plain-English defaults for Zod's built-in messages, for checks that have no message of their own.
 * Schemas that people fill in give their own, specific messages ("Enter your email address").
 * Imported once by index.ts so the browser and the server say the same thing.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return 'This is required';
        return `Must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
      case 'unrecognized_keys':
        return `Not a field we accept: ${issue.keys.join(', ')}`;
      case 'too_small':
        if (issue.origin === 'string') return `Must be at least ${issue.minimum} characters`;
        if (issue.origin === 'array') return `Choose at least ${issue.minimum}`;
        return `Must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'string') return `Must be ${issue.maximum} characters or fewer`;
        if (issue.origin === 'array') return `Choose no more than ${issue.maximum}`;
        return `Must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
      case 'invalid_value':
        return 'Choose one of the options';
      case 'invalid_format':
        return 'Is not in the right format';
      default:
        return undefined;
    }
  },
});
