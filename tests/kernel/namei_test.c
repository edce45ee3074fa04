/* tests/kernel/namei_test.c — suite `namei`: from a path to an inode
 * (kernel/fs/namei.c), and the current directory (vfs_chdir, vfs_getcwd).
 *
 * Each case works in /tmp/t_namei (VFS_CASE: made before, checked empty
 * and removed after, with inodes and free frames back to their values).
 * The expected results are what Linux gives on tmpfs:
 *
 *	"/a//b/"        repeated and trailing slashes are one slash
 *	"/..", "/../.." the root is its own parent
 *	"file/"         -ENOTDIR (stat, open, truncate, chdir); unlink -ENOTDIR;
 *	                open(O_CREAT) -EISDIR (a trailing slash asks for a directory)
 *	"file/x"        -ENOTDIR for every call
 *	"missing/x"     -ENOENT;  ""  -ENOENT
 *	a 256-byte name -ENAMETOOLONG;  a path of PATH_MAX (4096) bytes -ENAMETOOLONG,
 *	                4095 bytes is fine
 *	getcwd          the length with its NUL; -ERANGE when that does not fit;
 *	                -ENOENT once the cwd is removed
 *	"l/c", l -> x   the walk goes on in x (from l's directory, or "/" for "/x");
 *	                namei follows a last-component link, lnamei not, "l/" always
 *	41 links        -ELOOP (40 are followed)
 *
 * One difference is faultline's own: a link's target is spliced in front of
 * the rest of the path, so the two together must fit in PATH_MAX
 * (-ENAMETOOLONG), where Linux follows a link without joining them.
 * The rename cases check the inode counts: a directory moved takes its
 * ".." reference and one link count from its old parent to the new one.
 *
 * Cases that chdir give the cwd back ("/") before they return. */
#include "tests/kernel/vfs_test.h"
#include "kernel/err.h"

#define S "/tmp/t_namei"

static char pathbuf[PATH_MAX + 8];

/* mkdir -p of the directories the lookup cases walk: S/a/b/c, and S/f a file. */
static void make_tree(struct ktest *t)
{
	static const char *const dirs[] = { S "/a", S "/a/b", S "/a/b/c" };
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		KEXPECT_EQ(t, vfs_mkdir(dirs[i], 0755), 0);
	KEXPECT_EQ(t, vt_write_file(S "/f", "data", 4), 0);
}

static void remove_tree(struct ktest *t)
{
	KEXPECT_EQ(t, vfs_unlink(S "/f"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/a/b/c"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/a/b"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/a"), 0);
}

/* getcwd into a fresh buffer: the returned length, and the string in cwd. */
static int getcwd_str(char *cwd, size_t n)
{
	memset(cwd, 0x7e, n);
	return vfs_getcwd(cwd, n);
}

VFS_CASE(absolute_lookup, S)
{
	struct kstat st;
	make_tree(t);
	KASSERT_EQ(t, vfs_stat("/", &st), 0);
	KEXPECT_EQ(t, st.ino, (u64)root_inode->i_ino);
	KEXPECT_TRUE(t, S_ISDIR(st.mode));
	KASSERT_EQ(t, vfs_stat(S "/a/b/c", &st), 0);
	KEXPECT_TRUE(t, S_ISDIR(st.mode));
	KEXPECT_EQ(t, st.nlink, 2u);
	KASSERT_EQ(t, vfs_stat(S "/f", &st), 0);
	KEXPECT_EQ(t, st.mode, (umode_t)(S_IFREG | 0644));
	KEXPECT_EQ(t, st.size, 4);
	KEXPECT_NE(t, vt_ino(S "/a"), vt_ino(S "/a/b"));
	remove_tree(t);
}

VFS_CASE(relative_lookup_after_chdir, S)
{
	char buf[8];
	make_tree(t);
	u64 b = vt_ino(S "/a/b");
	KASSERT_EQ(t, vfs_chdir(S "/a"), 0);
	KEXPECT_EQ(t, vt_ino("b"), b);
	KEXPECT_EQ(t, vt_ino("b/c"), vt_ino(S "/a/b/c"));
	/* a file made by a relative path is where the absolute one says */
	KEXPECT_EQ(t, vt_write_file("b/rel", "xyz", 3), 0);
	KEXPECT_EQ(t, vt_read_file(S "/a/b/rel", buf, sizeof(buf)), 3);
	KEXPECT_EQ(t, memcmp(buf, "xyz", 3), 0);
	KEXPECT_EQ(t, vfs_unlink("b/rel"), 0);
	KEXPECT_EQ(t, vt_stat_err(S "/a/b/rel"), -ENOENT);
	/* a second relative chdir goes on from the first */
	KEXPECT_EQ(t, vfs_chdir("b/c"), 0);
	KEXPECT_EQ(t, vt_ino("."), vt_ino(S "/a/b/c"));
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	remove_tree(t);
}

VFS_CASE(dot_and_dotdot, S)
{
	make_tree(t);
	u64 a = vt_ino(S "/a"), b = vt_ino(S "/a/b");
	KEXPECT_EQ(t, vt_ino(S "/a/."), a);
	KEXPECT_EQ(t, vt_ino(S "/a/./b/.."), a);
	KEXPECT_EQ(t, vt_ino(S "/a/b/c/../.."), a);
	KEXPECT_EQ(t, vt_ino(S "/a/b/c/../../b/./c/.."), b);
	KEXPECT_EQ(t, vt_ino(S "/a/.."), vt_ino(S));
	KEXPECT_EQ(t, vt_ino(S "/./a/../f"), vt_ino(S "/f"));
	KASSERT_EQ(t, vfs_chdir(S "/a/b"), 0);
	KEXPECT_EQ(t, vt_ino("."), b);
	KEXPECT_EQ(t, vt_ino(".."), a);
	KEXPECT_EQ(t, vt_ino("../.."), vt_ino(S));
	KEXPECT_EQ(t, vt_ino("./c/./.."), b);
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	remove_tree(t);
}

VFS_CASE(root_dotdot, S)
{
	u64 root = root_inode->i_ino;
	KEXPECT_EQ(t, vt_ino("/.."), root);
	KEXPECT_EQ(t, vt_ino("/../../.."), root);
	KEXPECT_EQ(t, vt_ino("/tmp/.."), root);
	KEXPECT_EQ(t, vt_ino("/../tmp/../.."), root);
	KEXPECT_EQ(t, vt_ino("/../tmp"), vt_ino("/tmp"));
	KEXPECT_EQ(t, vt_ino(S "/../../../.."), root);
	KASSERT_EQ(t, vfs_chdir("/"), 0);
	KEXPECT_EQ(t, vt_ino(".."), root);
	KEXPECT_EQ(t, vt_ino("."), root);
}

VFS_CASE(repeated_slashes, S)
{
	make_tree(t);
	u64 b = vt_ino(S "/a/b");
	KEXPECT_EQ(t, vt_ino("//tmp///t_namei//a/b"), b);
	KEXPECT_EQ(t, vt_ino("/tmp/t_namei/a/b/"), b);
	KEXPECT_EQ(t, vt_ino("/tmp/t_namei/a/b///"), b);
	KEXPECT_EQ(t, vt_ino("///"), (u64)root_inode->i_ino);
	KEXPECT_EQ(t, vt_ino(S "//f"), vt_ino(S "/f"));
	/* a directory made through a doubled slash has the plain name */
	KEXPECT_EQ(t, vfs_mkdir(S "//a///d//", 0755), 0);
	KEXPECT_TRUE(t, vt_exists(S "/a/d"));
	KEXPECT_EQ(t, vfs_rmdir(S "/a//d/"), 0);
	remove_tree(t);
}

VFS_CASE(trailing_slash_on_file, S)
{
	make_tree(t);
	KEXPECT_EQ(t, vt_stat_err(S "/f/"), -ENOTDIR);
	KEXPECT_EQ(t, vt_stat_err(S "/f//"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_open(S "/f/", O_RDONLY, 0), -ENOTDIR);
	KEXPECT_EQ(t, vfs_truncate(S "/f/", 0), -ENOTDIR);
	KEXPECT_EQ(t, vfs_chdir(S "/f/"), -ENOTDIR);
	/* Linux's open_last_lookups: O_CREAT with a trailing slash is -EISDIR,
	 * for an existing file as for a new name, and creates nothing */
	KEXPECT_EQ(t, vfs_open(S "/f/", O_WRONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vfs_open(S "/new/", O_WRONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vt_stat_err(S "/new"), -ENOENT);
	/* Linux's do_unlinkat: "name/" must be a directory, so a file is
	 * -ENOTDIR (and stays), a directory -EISDIR, nothing -ENOENT */
	KEXPECT_EQ(t, vfs_unlink(S "/f/"), -ENOTDIR);
	KEXPECT_EQ(t, vt_size(S "/f"), 4);
	KEXPECT_EQ(t, vfs_unlink(S "/a/"), -EISDIR);
	KEXPECT_EQ(t, vfs_unlink(S "/new/"), -ENOENT);
	KEXPECT_EQ(t, vfs_rmdir(S "/f/"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_mkdir(S "/f/", 0755), -EEXIST);
	remove_tree(t);
}

VFS_CASE(trailing_slash_on_dir, S)
{
	make_tree(t);
	KEXPECT_EQ(t, vt_ino(S "/a/"), vt_ino(S "/a"));
	int fd = vfs_open(S "/a/", O_RDONLY | O_DIRECTORY, 0);
	KEXPECT_GE(t, fd, 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_chdir(S "/a/b/"), 0);
	KEXPECT_EQ(t, vt_ino("."), vt_ino(S "/a/b"));
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	/* mkdir and rmdir take "name/" (Linux allows the slash there) */
	KEXPECT_EQ(t, vfs_mkdir(S "/e/", 0755), 0);
	KEXPECT_EQ(t, vt_nlink(S "/e"), 2);
	KEXPECT_EQ(t, vfs_rmdir(S "/e/"), 0);
	KEXPECT_EQ(t, vt_stat_err(S "/e"), -ENOENT);
	remove_tree(t);
}

VFS_CASE(file_in_the_middle, S)
{
	make_tree(t);
	KEXPECT_EQ(t, vt_stat_err(S "/f/x"), -ENOTDIR);
	KEXPECT_EQ(t, vt_stat_err(S "/f/."), -ENOTDIR);
	KEXPECT_EQ(t, vt_stat_err(S "/f/.."), -ENOTDIR);
	KEXPECT_EQ(t, vt_stat_err(S "/f/x/y/z"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_open(S "/f/x", O_RDONLY, 0), -ENOTDIR);
	KEXPECT_EQ(t, vfs_open(S "/f/x", O_RDWR | O_CREAT, 0644), -ENOTDIR);
	KEXPECT_EQ(t, vfs_mkdir(S "/f/x", 0755), -ENOTDIR);
	KEXPECT_EQ(t, vfs_unlink(S "/f/x"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_rmdir(S "/f/x"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_truncate(S "/f/x", 0), -ENOTDIR);
	KEXPECT_EQ(t, vfs_chdir(S "/f"), -ENOTDIR);
	remove_tree(t);
}

VFS_CASE(missing_components, S)
{
	make_tree(t);
	KEXPECT_EQ(t, vt_stat_err(S "/nope"), -ENOENT);
	KEXPECT_EQ(t, vt_stat_err(S "/nope/x"), -ENOENT);
	KEXPECT_EQ(t, vt_stat_err(S "/a/nope/.."), -ENOENT);	/* ".." does not skip it */
	KEXPECT_EQ(t, vfs_open(S "/nope", O_RDONLY, 0), -ENOENT);
	KEXPECT_EQ(t, vfs_open(S "/nope/x", O_WRONLY | O_CREAT, 0644), -ENOENT);
	KEXPECT_EQ(t, vfs_mkdir(S "/nope/x", 0755), -ENOENT);
	KEXPECT_EQ(t, vfs_unlink(S "/nope"), -ENOENT);
	KEXPECT_EQ(t, vfs_rmdir(S "/nope"), -ENOENT);
	KEXPECT_EQ(t, vfs_truncate(S "/nope", 0), -ENOENT);
	KEXPECT_EQ(t, vfs_chdir(S "/a/nope"), -ENOENT);
	KEXPECT_EQ(t, vt_count_entries(S), 2L);		/* a, f: nothing was made */
	remove_tree(t);
}

VFS_CASE(empty_path, S)
{
	struct kstat st;
	KEXPECT_EQ(t, vfs_stat("", &st), -ENOENT);
	KEXPECT_EQ(t, vfs_open("", O_RDONLY, 0), -ENOENT);
	KEXPECT_EQ(t, vfs_open("", O_WRONLY | O_CREAT, 0644), -ENOENT);
	KEXPECT_EQ(t, vfs_mkdir("", 0755), -ENOENT);
	KEXPECT_EQ(t, vfs_rmdir(""), -ENOENT);
	KEXPECT_EQ(t, vfs_unlink(""), -ENOENT);
	KEXPECT_EQ(t, vfs_truncate("", 0), -ENOENT);
	KEXPECT_EQ(t, vfs_chdir(""), -ENOENT);
}

VFS_CASE(name_max_component, S)
{
	static char name[NAME_MAX + 32], longer[NAME_MAX + 32], mid[NAME_MAX + 32];
	struct kstat st;
	vt_long_name(name, S "/", NAME_MAX, 'n');		/* exactly 255 bytes: fine */
	vt_long_name(longer, S "/", NAME_MAX + 1, 'n');	/* 256 bytes: too long */
	KEXPECT_EQ(t, vt_stat_err(name), -ENOENT);
	KEXPECT_EQ(t, vt_write_file(name, "255", 3), 0);
	KEXPECT_EQ(t, vfs_stat(name, &st), 0);
	KEXPECT_EQ(t, st.size, 3);
	KEXPECT_EQ(t, vt_stat_err(longer), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_open(longer, O_RDONLY, 0), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_open(longer, O_WRONLY | O_CREAT, 0644), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_mkdir(longer, 0755), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_unlink(longer), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_rmdir(longer), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_chdir(longer), -ENAMETOOLONG);
	/* in the middle of a path too */
	snprintf(mid, sizeof(mid), "%s/x", longer);
	KEXPECT_EQ(t, vt_stat_err(mid), -ENAMETOOLONG);
	KEXPECT_EQ(t, vt_count_entries(S), 1L);
	KEXPECT_EQ(t, vfs_unlink(name), 0);
}

VFS_CASE(path_max, S)
{
	KASSERT_EQ(t, vfs_mkdir(S "/d", 0755), 0);
	u64 d = vt_ino(S "/d");
	/* PATH_MAX counts the NUL: 4095 bytes is the longest path */
	vt_long_path(pathbuf, S "/d", PATH_MAX - 1);
	KASSERT_EQ(t, strlen(pathbuf), (size_t)PATH_MAX - 1);
	KEXPECT_EQ(t, vt_ino(pathbuf), d);
	KEXPECT_EQ(t, vfs_chdir(pathbuf), 0);
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	vt_long_path(pathbuf, S "/d", PATH_MAX);
	KASSERT_EQ(t, strlen(pathbuf), (size_t)PATH_MAX);
	KEXPECT_EQ(t, vt_stat_err(pathbuf), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_open(pathbuf, O_RDONLY, 0), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_chdir(pathbuf), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_rmdir(pathbuf), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_truncate(pathbuf, 0), -ENAMETOOLONG);
	/* "<...>/new": a name to make at the end of a path that is too long */
	memcpy(pathbuf + PATH_MAX - 4, "/new", 5);
	KEXPECT_EQ(t, vfs_mkdir(pathbuf, 0755), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_open(pathbuf, O_WRONLY | O_CREAT, 0644), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_unlink(pathbuf), -ENAMETOOLONG);
	KEXPECT_EQ(t, vt_count_entries(S "/d"), 0L);
	KEXPECT_EQ(t, vfs_rmdir(S "/d"), 0);
}

VFS_CASE(getcwd_nested, S)
{
	char cwd[64];
	make_tree(t);
	KEXPECT_EQ(t, vfs_chdir(S), 0);
	KEXPECT_EQ(t, vfs_chdir("a"), 0);
	KEXPECT_EQ(t, vfs_chdir("b/c"), 0);
	KEXPECT_EQ(t, getcwd_str(cwd, sizeof(cwd)), (int)sizeof(S "/a/b/c"));
	KEXPECT_STREQ(t, cwd, S "/a/b/c");
	KEXPECT_EQ(t, vfs_chdir("../.."), 0);
	KEXPECT_EQ(t, getcwd_str(cwd, sizeof(cwd)), (int)sizeof(S "/a"));
	KEXPECT_STREQ(t, cwd, S "/a");
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	KEXPECT_EQ(t, getcwd_str(cwd, sizeof(cwd)), 2);
	KEXPECT_STREQ(t, cwd, "/");
	remove_tree(t);
}

VFS_CASE(getcwd_erange, S)
{
	char cwd[64];
	make_tree(t);
	KASSERT_EQ(t, vfs_chdir(S "/a/b"), 0);
	int len = (int)sizeof(S "/a/b");		/* with the NUL */
	KEXPECT_EQ(t, getcwd_str(cwd, (size_t)len), len);
	KEXPECT_STREQ(t, cwd, S "/a/b");
	KEXPECT_EQ(t, getcwd_str(cwd, (size_t)len - 1), -ERANGE);
	KEXPECT_EQ(t, (u8)cwd[0], 0x7e);		/* nothing written */
	KEXPECT_EQ(t, vfs_getcwd(cwd, 1), -ERANGE);
	KEXPECT_EQ(t, vfs_getcwd(cwd, 0), -ERANGE);
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	KEXPECT_EQ(t, vfs_getcwd(cwd, 1), -ERANGE);	/* "/" needs 2 */
	KEXPECT_EQ(t, getcwd_str(cwd, 2), 2);
	remove_tree(t);
}

/* Linux: rmdir of the cwd works (it is not "/"); getcwd then says -ENOENT,
 * nothing can be made in it (-ENOENT), "." still names it, with nlink 0. */
VFS_CASE(getcwd_removed_cwd, S)
{
	char cwd[64];
	struct kstat st;
	KASSERT_EQ(t, vfs_mkdir(S "/gone", 0755), 0);
	u64 ino = vt_ino(S "/gone");
	KASSERT_EQ(t, vfs_chdir(S "/gone"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/gone"), 0);
	KEXPECT_EQ(t, vfs_getcwd(cwd, sizeof(cwd)), -ENOENT);
	KEXPECT_EQ(t, vfs_open("x", O_WRONLY | O_CREAT, 0644), -ENOENT);
	KEXPECT_EQ(t, vfs_mkdir("x", 0755), -ENOENT);
	KEXPECT_EQ(t, vfs_stat(".", &st), 0);
	KEXPECT_EQ(t, st.ino, ino);
	KEXPECT_EQ(t, st.nlink, 0u);
	KEXPECT_EQ(t, vt_ino(".."), vt_ino(S));
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	KEXPECT_EQ(t, getcwd_str(cwd, sizeof(cwd)), 2);
	KEXPECT_STREQ(t, cwd, "/");
}

/* The cwd's parent removed after the cwd: ".." must still lead to it
 * (Linux: a dentry pins its parent), and it is gone in its turn. */
VFS_CASE(dotdot_from_removed_cwd, S)
{
	char cwd[64];
	struct kstat st;
	KASSERT_EQ(t, vfs_mkdir(S "/p", 0755), 0);
	KASSERT_EQ(t, vfs_mkdir(S "/p/c", 0755), 0);
	u64 p = vt_ino(S "/p");
	unsigned long inodes = nr_inodes();
	KASSERT_EQ(t, vfs_chdir(S "/p/c"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/p/c"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/p"), 0);
	KEXPECT_EQ(t, nr_inodes(), inodes);		/* both live on: c is the cwd */
	KEXPECT_EQ(t, vfs_chdir(".."), 0);
	KEXPECT_EQ(t, vfs_stat(".", &st), 0);
	KEXPECT_EQ(t, st.ino, p);
	KEXPECT_TRUE(t, S_ISDIR(st.mode));
	KEXPECT_EQ(t, st.nlink, 0u);
	KEXPECT_EQ(t, vfs_getcwd(cwd, sizeof(cwd)), -ENOENT);
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	KEXPECT_EQ(t, nr_inodes(), inodes - 2);	/* now both are freed */
}

VFS_CASE(chdir_errors, S)
{
	char cwd[64];
	make_tree(t);
	KASSERT_EQ(t, vfs_chdir(S "/a"), 0);
	KEXPECT_EQ(t, vfs_chdir(S "/f"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_chdir("nope"), -ENOENT);
	KEXPECT_EQ(t, vfs_chdir("b/nope/.."), -ENOENT);
	/* a failed chdir leaves the cwd where it was */
	KEXPECT_EQ(t, getcwd_str(cwd, sizeof(cwd)), (int)sizeof(S "/a"));
	KEXPECT_STREQ(t, cwd, S "/a");
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	remove_tree(t);
}

/* Relative targets from the link's directory, absolute ones from "/",
 * links in the middle, the last component followed or not. */
VFS_CASE(symlink_walk, S)
{
	struct kstat st, c;
	make_tree(t);
	KASSERT_EQ(t, vfs_stat(S "/a/b/c", &c), 0);
	KEXPECT_EQ(t, vfs_symlink("b", AT_FDCWD, S "/a/lb"), 0);		/* relative: in a */
	KEXPECT_EQ(t, vfs_symlink(S "/a/b/c", AT_FDCWD, S "/abs"), 0);
	KEXPECT_EQ(t, vfs_symlink("../../f", AT_FDCWD, S "/a/b/up"), 0);
	KASSERT_EQ(t, vfs_stat(S "/a/lb/c", &st), 0);
	KEXPECT_EQ(t, st.ino, c.ino);
	KASSERT_EQ(t, vfs_stat(S "/abs", &st), 0);
	KEXPECT_EQ(t, st.ino, c.ino);
	KASSERT_EQ(t, vfs_stat(S "/a/lb/up", &st), 0);
	KEXPECT_TRUE(t, S_ISREG(st.mode));
	KEXPECT_EQ(t, st.size, 4);
	KASSERT_EQ(t, vfs_lstat(S "/abs", &st), 0);
	KEXPECT_TRUE(t, S_ISLNK(st.mode));
	KEXPECT_EQ(t, st.size, (loff_t)strlen(S "/a/b/c"));
	KASSERT_EQ(t, vfs_lstat(S "/abs/", &st), 0);			/* "l/" follows */
	KEXPECT_TRUE(t, S_ISDIR(st.mode));
	KEXPECT_EQ(t, vfs_lstat(S "/a/b/up/", &st), -ENOTDIR);
	char buf[8];
	KEXPECT_EQ(t, vfs_readlink(AT_FDCWD, S "/a/lb", buf, sizeof(buf)), 1);
	KEXPECT_EQ(t, vfs_readlink(AT_FDCWD, S "/f", buf, sizeof(buf)), -EINVAL);
	KEXPECT_EQ(t, vfs_unlink(S "/a/b/up"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/abs"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/a/lb"), 0);
	remove_tree(t);
}

/* l1 -> f, l2 -> l1, ...: l40 resolves, l41 is -ELOOP; x -> x loops. */
VFS_CASE(symlink_eloop, S)
{
	struct kstat st;
	char name[32], target[32];
	KEXPECT_EQ(t, vt_write_file(S "/f", "x", 1), 0);
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), S "/l%d", i);
		snprintf(target, sizeof(target), i == 1 ? "f" : "l%d", i - 1);
		KASSERT_EQ(t, vfs_symlink(target, AT_FDCWD, name), 0);
	}
	KEXPECT_EQ(t, vfs_stat(S "/l40", &st), 0);
	KEXPECT_EQ(t, vfs_stat(S "/l41", &st), -ELOOP);
	KEXPECT_EQ(t, vfs_lstat(S "/l41", &st), 0);
	KEXPECT_EQ(t, vfs_symlink("x", AT_FDCWD, S "/x"), 0);
	KEXPECT_EQ(t, vfs_stat(S "/x/y", &st), -ELOOP);
	KEXPECT_EQ(t, vfs_symlink("", AT_FDCWD, S "/empty"), -ENOENT);
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), S "/l%d", i);
		KEXPECT_EQ(t, vfs_unlink(name), 0);
	}
	KEXPECT_EQ(t, vfs_unlink(S "/x"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/f"), 0);
}

/* faultline's own limit: target + the rest of the path within PATH_MAX. */
VFS_CASE(symlink_splice_too_long, S)
{
	struct kstat st;
	static char target[PATH_MAX];
	memset(target, 0, sizeof(target));
	for (size_t i = 0; i + 2 < 4000; i += 2)
		memcpy(target + i, "./", 2);				/* "././././...": S itself */
	KEXPECT_EQ(t, vfs_mkdir(S "/d", 0755), 0);
	KEXPECT_EQ(t, vfs_symlink(target, AT_FDCWD, S "/l"), 0);
	KEXPECT_EQ(t, vfs_stat(S "/l/d", &st), 0);
	memset(pathbuf, 0, sizeof(pathbuf));
	size_t n = strlen(S "/l/");
	memcpy(pathbuf, S "/l/", n);
	for (; n + 2 < 200; n += 2)
		memcpy(pathbuf + n, "./", 2);
	pathbuf[n] = 'd';
	KEXPECT_EQ(t, vfs_stat(pathbuf, &st), -ENAMETOOLONG);
	KEXPECT_EQ(t, vfs_unlink(S "/l"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/d"), 0);
}

/* A directory moved to another parent: "..", the parents' i_nlink and
 * the i_parent reference follow (VFS_CASE then finds every inode freed). */
VFS_CASE(rename_reparents, S)
{
	struct kstat st;
	make_tree(t);
	KEXPECT_EQ(t, vfs_mkdir(S "/p", 0755), 0);
	struct inode *a = namei(S "/a"), *p = namei(S "/p");
	KASSERT_TRUE(t, !IS_ERR(a) && !IS_ERR(p));
	int a_count = a->i_count, p_count = p->i_count;
	KEXPECT_EQ(t, vfs_rename(AT_FDCWD, S "/a/b", AT_FDCWD, S "/p/b", 0), 0);
	KEXPECT_EQ(t, a->i_nlink, 2u);
	KEXPECT_EQ(t, p->i_nlink, 3u);
	KEXPECT_EQ(t, a->i_count, a_count - 1);			/* b's ".." reference moved */
	KEXPECT_EQ(t, p->i_count, p_count + 1);
	KASSERT_EQ(t, vfs_stat(S "/p/b/..", &st), 0);
	KEXPECT_EQ(t, st.ino, (u64)p->i_ino);
	/* over a file: the file's inode goes */
	KEXPECT_EQ(t, vt_write_file(S "/g", "gg", 2), 0);
	unsigned long before = nr_inodes();
	KEXPECT_EQ(t, vfs_rename(AT_FDCWD, S "/f", AT_FDCWD, S "/g", 0), 0);
	KEXPECT_EQ(t, nr_inodes(), before - 1);
	KEXPECT_EQ(t, vfs_rename(AT_FDCWD, S "/g", AT_FDCWD, S "/f", RENAME_NOREPLACE), 0);
	iput(a);
	iput(p);
	KEXPECT_EQ(t, vfs_rename(AT_FDCWD, S "/p/b", AT_FDCWD, S "/a/b", RENAME_EXCHANGE), -ENOENT);
	KEXPECT_EQ(t, vfs_rename(AT_FDCWD, S "/p/b", AT_FDCWD, S "/a/b", 0), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/p"), 0);
	remove_tree(t);
}

KTEST_SUITE(namei,
	    KTEST_CASE(absolute_lookup),
	    KTEST_CASE(relative_lookup_after_chdir),
	    KTEST_CASE(dot_and_dotdot),
	    KTEST_CASE(root_dotdot),
	    KTEST_CASE(repeated_slashes),
	    KTEST_CASE(trailing_slash_on_file),
	    KTEST_CASE(trailing_slash_on_dir),
	    KTEST_CASE(file_in_the_middle),
	    KTEST_CASE(missing_components),
	    KTEST_CASE(empty_path),
	    KTEST_CASE(name_max_component),
	    KTEST_CASE(path_max),
	    KTEST_CASE(getcwd_nested),
	    KTEST_CASE(getcwd_erange),
	    KTEST_CASE(getcwd_removed_cwd),
	    KTEST_CASE(dotdot_from_removed_cwd),
	    KTEST_CASE(chdir_errors),
	    KTEST_CASE(symlink_walk),
	    KTEST_CASE(symlink_eloop),
	    KTEST_CASE(symlink_splice_too_long),
	    KTEST_CASE(rename_reparents));
