// The simulated programs by name. An image ships a program when its family lists the name
// (image/families.ts); this table says what the program does.

import type { Utility } from './context.js';
import { cat, grep, head, ls, mkdir, rm, tail, touch, wc } from './files.js';
import { date, echo, env, falseUtility, hostname, id, mount, printenv, ps, pwd, sleep, test, trueUtility, uname, whoami } from './info.js';

export const UTILITIES: Readonly<Record<string, Utility>> = {
  cat,
  date,
  echo,
  env,
  false: falseUtility,
  grep,
  head,
  hostname,
  id,
  ls,
  mkdir,
  mount,
  printenv,
  ps,
  pwd,
  rm,
  sleep,
  tail,
  test,
  '[': test,
  touch,
  true: trueUtility,
  uname,
  wc,
  whoami,
};

