/* kernel/fs/attr.c — what chmod, chown and utimensat change: mode bits,
 * owner, times (Linux's fs/attr.c: notify_change, setattr_copy).
 *
 * Everyone is root here, so nothing is refused for want of permission;
 * what remains of Linux's rules is what root meets too:
 *
 *	chown of a non-directory	drops set-user-ID, and set-group-ID when the
 *					group may execute (ATTR_KILL_SUID, _SGID)
 *	any change			ctime becomes now
 *	a kind with ->setattr		decides (procfs: /proc/PID refuses chmod, -EPERM)
 *	otherwise			stored in the inode (simple_setattr) */
#include "kernel/fs/fs.h"
#include "kernel/errno.h"

/* Linux's setattr_copy: the new values into the inode. */
static void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int v = attr->ia_valid;
	if (v & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (v & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (v & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (v & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (v & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	inode->i_ctime = current_time();
}

int notify_change(struct inode *inode, struct iattr *attr)
{
	umode_t mode = inode->i_mode;
	if (attr->ia_valid & (ATTR_KILL_SUID | ATTR_KILL_SGID)) {
		if (!(attr->ia_valid & ATTR_MODE))
			attr->ia_mode = mode;
		if (attr->ia_valid & ATTR_KILL_SUID)
			attr->ia_mode &= ~S_ISUID;
		if ((attr->ia_valid & ATTR_KILL_SGID) && (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			attr->ia_mode &= ~S_ISGID;
		attr->ia_valid |= ATTR_MODE;
	}
	if (inode->i_op->setattr) {
		int err = inode->i_op->setattr(inode, attr);
		if (err)
			return err;
	}
	setattr_copy(inode, attr);
	return 0;
}
