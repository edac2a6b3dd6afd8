import { NotFoundContent } from './error';

export function Component() {
  return <NotFoundContent />;
}
