// Base-image families, as data: which programs an image ships (and where), which shell /bin/sh
// is, PATH, /etc/os-release, users and groups. Everything a container shows about its userland
// comes from one row here; the interpreter never asks which family it runs in.

export type FamilyId = 'busybox' | 'alpine' | 'debian' | 'ubuntu' | 'distroless';
/** Shell implementations, named after the real ones whose messages they reproduce. */
export type DialectId = 'ash' | 'dash' | 'bash';
/** Whose wording utilities use in their error messages. */
export type UserlandId = 'busybox' | 'gnu';

export interface ImageFamily {
  id: FamilyId;
  userland: UserlandId;
  /** Executables by directory. A name in `shells` runs that shell; any other name the utility of that name. */
  programs: Readonly<Record<string, readonly string[]>>;
  shells: Readonly<Record<string, DialectId>>;
  path: string;
  /** Top-level directories of the image (besides the ones the runtime mounts). */
  rootDirs: readonly string[];
  osRelease?: string;
  passwd: string;
  group: string;
}

const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const BUSYBOX_APPLETS = [
  'cat', 'date', 'echo', 'env', 'false', 'grep', 'head', 'hostname', 'id', 'ls', 'mkdir', 'mount', 'printenv', 'ps',
  'pwd', 'rm', 'sleep', 'tail', 'test', 'touch', 'true', 'uname', 'wc', 'whoami',
];

const GNU_USR_BIN = [
  'cat', 'date', 'echo', 'env', 'false', 'grep', 'head', 'hostname', 'id', 'ls', 'mkdir', 'mount', 'printenv', 'pwd',
  'rm', 'sleep', 'tail', 'test', 'touch', 'true', 'uname', 'wc', 'whoami',
];

const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
cdrom:x:24:
sudo:x:27:
audio:x:29:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;

const DEBIAN_DIRS = ['bin', 'boot', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'root', 'run', 'sbin', 'srv', 'tmp', 'usr', 'var'];

export const FAMILIES: Readonly<Record<FamilyId, ImageFamily>> = {
  busybox: {
    id: 'busybox',
    userland: 'busybox',
    programs: { '/bin': ['sh', 'ash', ...BUSYBOX_APPLETS] },
    shells: { sh: 'ash', ash: 'ash' },
    path: STANDARD_PATH,
    rootDirs: ['bin', 'etc', 'home', 'lib', 'lib64', 'root', 'tmp', 'usr', 'var'],
    passwd: `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`,
    group: `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`,
  },
  alpine: {
    id: 'alpine',
    userland: 'busybox',
    programs: {
      '/bin': ['sh', 'ash', 'cat', 'date', 'echo', 'false', 'grep', 'hostname', 'ls', 'mkdir', 'mount', 'ps', 'pwd', 'rm', 'sleep', 'touch', 'true', 'uname'],
      '/usr/bin': ['env', 'head', 'id', 'printenv', 'tail', 'test', 'wc', 'whoami'],
    },
    shells: { sh: 'ash', ash: 'ash' },
    path: STANDARD_PATH,
    rootDirs: ['bin', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'root', 'run', 'sbin', 'srv', 'tmp', 'usr', 'var'],
    osRelease: `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.21.3
PRETTY_NAME="Alpine Linux v3.21"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`,
    passwd: `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`,
    group: `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`,
  },
  debian: {
    id: 'debian',
    userland: 'gnu',
    // Merged /usr: /bin is /usr/bin, so both show the same programs.
    programs: { '/usr/bin': ['sh', 'bash', ...GNU_USR_BIN], '/bin': ['sh', 'bash', ...GNU_USR_BIN] },
    shells: { sh: 'dash', bash: 'bash' },
    path: STANDARD_PATH,
    rootDirs: DEBIAN_DIRS,
    osRelease: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`,
    passwd: DEBIAN_PASSWD,
    group: DEBIAN_GROUP,
  },
  ubuntu: {
    id: 'ubuntu',
    userland: 'gnu',
    programs: { '/usr/bin': ['sh', 'bash', ...GNU_USR_BIN], '/bin': ['sh', 'bash', ...GNU_USR_BIN] },
    shells: { sh: 'dash', bash: 'bash' },
    path: STANDARD_PATH,
    rootDirs: DEBIAN_DIRS,
    osRelease: `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.2 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`,
    passwd: `${DEBIAN_PASSWD}ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`,
    group: `${DEBIAN_GROUP}ubuntu:x:1000:\n`,
  },
  distroless: {
    id: 'distroless',
    userland: 'gnu',
    programs: {},
    shells: {},
    path: STANDARD_PATH,
    rootDirs: ['bin', 'boot', 'etc', 'home', 'lib', 'lib64', 'root', 'run', 'sbin', 'tmp', 'usr', 'var'],
    osRelease: `PRETTY_NAME="Distroless"
NAME="Debian GNU/Linux"
ID="debian"
VERSION_ID="12"
VERSION="Debian GNU/Linux 12 (bookworm)"
HOME_URL="https://github.com/GoogleContainerTools/distroless"
SUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"
BUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"
`,
    passwd: `root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
`,
    group: `root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
`,
  },
};
