/* qemu_plugin_api.h — the part of QEMU 7.2's TCG plugin API that insnprof.c uses.
 *
 * Debian ships no qemu-plugin.h, so these are our own declarations of the few
 * functions and types we call, written to match API version 1, the version of
 * QEMU 7.2 (Debian 12's qemu-system-x86): QEMU loads a plugin only if its
 * exported `qemu_plugin_version` lies between QEMU's minimum and current
 * versions (0 and 1 in 7.2).  The functions are QEMU's own: the plugin is a
 * shared object whose undefined qemu_plugin_* symbols the QEMU binary exports.
 *
 * Version 2 (QEMU 8.x and later) changed some of these (the inline ops became
 * per-vCPU scoreboards, qemu_plugin_insn_data copies into a buffer): a newer
 * QEMU needs a new header, and refuses this plugin with a clear message.
 */
#ifndef QEMU_PLUGIN_API_H
#define QEMU_PLUGIN_API_H

#include <stddef.h>
#include <stdint.h>

#define QEMU_PLUGIN_VERSION	1
#define QEMU_PLUGIN_EXPORT	__attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;

/* Opaque: QEMU passes them, we only hand them back. */
struct qemu_plugin_tb;			/* a translation block being translated */
struct qemu_plugin_insn;		/* one guest instruction of it */
typedef struct qemu_info_t qemu_info_t;	/* target and QEMU version: unused here */

/* A callback's access to the CPU's registers: we read none. */
enum qemu_plugin_cb_flags {
	QEMU_PLUGIN_CB_NO_REGS,
	QEMU_PLUGIN_CB_R_REGS,
	QEMU_PLUGIN_CB_RW_REGS,
};

/* An inline operation, emitted into the translated code (no call). */
enum qemu_plugin_op {
	QEMU_PLUGIN_INLINE_ADD_U64,	/* *(uint64_t *)ptr += imm */
};

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

/* Ours to define: the API version we were written against, and the entry
 * point QEMU calls once at load, with the plugin's "name=value" arguments. */
extern QEMU_PLUGIN_EXPORT int qemu_plugin_version;
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv);

/* QEMU's: translation-time hooks and queries... */
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);

/* ...what to do each time an instruction executes... */
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
						enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags, void *userdata);

/* ...and at exit. */
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
				    void *userdata);

#endif
