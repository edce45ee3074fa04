# Makefile — build, run, test and debug the faultline kernel.
#
#   make                 build/kernel.elf and build/kernel.iso
#   make run             boot it in QEMU (NOGRAPHIC=1: terminal only; SWAP=64M:
#                        with a swap disk made by mkswap, /dev/vda)
#   make test            every test, ending with "N passed, N failed"
#   make test SUITE=x    one in-kernel suite (or suite.case, or a boot name)
#   make gdb             QEMU halted, gdb stopped at kmain (built at -O0, in build/debug)
#   make bench           fault costs in guest instructions, next to Linux 6.1's
#                        (LINUX=1: measured on Linux 6.1 in the same run, not quoted)
#   make profile FAULT=anon-write   instructions per function of one kind of fault
#   make lab LAB=cow     the student tree of a lab, in build/labs/cow (OUT=dir: elsewhere)
#   make grade           grade the labs (a student tree: its lab; LAB=x, TEST=name: fewer)
#   make fuzz SEED=n CALLS=m   the system-call fuzzer as init (tests/fuzz/README.md)
#   make selftests       Linux 6.12's mm selftests, built with musl, run inside the
#                        kernel: each one's kselftest totals (docs/selftests.md)
#   make clean
#
# Variables: DEBUG=1 (build at -O0 in build/debug: make gdb's default), CMDLINE="opt=val ..."
# (kernel options for run/gdb, passed through QEMU's fw_cfg), QEMU_EXTRA
# (appended to every QEMU command line), NOGRAPHIC=1, EXTRA="static
# binaries" (added to the initrd's /bin), INIT=/bin/prog (the first
# program instead of /bin/init) with ARGS="its arguments".

# make gdb builds at -O0 by default: every local of the fault path has a
# value at every line (at -Og, gcc drops a value it has used: `entry` in
# do_anonymous_page was <optimized out>), and `next` goes line by line.
# DEBUG=1 builds go to build/debug/, beside the -O2 build of make and make
# test; make test builds it too, for the gdb boots that check those locals.
ifneq ($(filter gdb,$(MAKECMDGOALS)),)
DEBUG    ?= 1
endif
B        := build$(if $(DEBUG),/debug)
# user space and the initrd: one build for every kernel (nothing there depends on DEBUG)
UB       := build
CC       := gcc
LD       := ld
NM       := nm
STRIP    := strip
NASM     := nasm
PYTHON   := python3
QEMU     := qemu-system-x86_64

OPT      := $(if $(DEBUG),-O0,-O2)
CFLAGS   := -std=gnu11 -ffreestanding -mno-red-zone -mgeneral-regs-only -mcmodel=kernel \
            -fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls \
            -fno-asynchronous-unwind-tables -fno-builtin-printf -g $(OPT) \
            -Wall -Wextra -Werror -Wno-unused-parameter -I. -MMD -MP
ASFLAGS  := -f elf64		# + debug info, but not for boot/ (low and high addresses confuse gdb)
LDFLAGS  := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T linker.ld

KSRC     := $(wildcard boot/*.asm kernel/*.asm kernel/*.c kernel/fs/*.c mm/*.c drivers/*.c)
TSRC     := $(wildcard tests/kernel/*.c)
obj       = $(patsubst %,$(B)/obj/%.o,$(basename $(1)))
KOBJS    := $(call obj,$(KSRC)) $(B)/obj/gen/font8x16.o
TOBJS    := $(call obj,$(TSRC))

QEMU_MEM ?= 256M
# isa-debug-exit: the kernel's power-off (init exiting, reboot()) ends QEMU
QEMU_BASE = $(QEMU) -m $(QEMU_MEM) -no-reboot -boot d -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
            $(QEMU_EXTRA)
# The kernel's options: CMDLINE, plus init= and its arguments after "--".
# USERLAND=busybox: BusyBox's init as the first program (its /etc/inittab
# makes the applets commands, then runs its ash); not SHELL=, make's own.
ifeq ($(USERLAND),busybox)
INIT := /bin/busybox
ARGS := init
endif
# make run and make gdb record the fault trace (/proc/faults, gdb's `faults`)
# unless CMDLINE says otherwise: the kernel's default is off (make bench).
KCMDLINE  = $(strip $(if $(findstring fault_trace=,$(CMDLINE)),,fault_trace=ring) $(CMDLINE) \
	$(if $(INIT),init=$(INIT)) $(if $(ARGS),-- $(ARGS)))
# QEMU option syntax: a literal comma in the value is written ",,"
FWCFG     = $(if $(KCMDLINE),-fw_cfg name=opt/faultline/cmdline$(comma)string="$(subst $(comma),$(comma)$(comma),$(KCMDLINE))")
comma    := ,

.PHONY: all run test test-linux gdb bench profile fuzz clean deps lab grade grade-stale debug-kernel \
	selftests
all: $(B)/kernel.iso

# --- tools: install what is missing (scripts/deps.sh) -----------------------
# First of all, before user/user.mk decides what it can build (musl-gcc or
# not): on a fresh machine the first `make test` must build every test.
ifneq ($(filter-out clean deps,$(or $(MAKECMDGOALS),all)),)
DEPS_INSTALL := $(shell command -v musl-gcc >/dev/null 2>&1 && [ -x /bin/busybox ] && [ -x /bin/bash-static ] && \
		  [ -f /usr/src/linux-source-6.12.tar.xz ] && scripts/deps.sh --check >/dev/null 2>&1 \
		  || scripts/deps.sh >&2)
endif
$(B)/.deps-ok: scripts/deps.sh
	@scripts/deps.sh --check || scripts/deps.sh
	@mkdir -p $(B) && touch $@
deps:
	scripts/deps.sh

# --- compile ----------------------------------------------------------------
# Objects depend on the flags: switching DEBUG=1 on or off rebuilds them.
$(B)/.flags: FORCE
	@mkdir -p $(B)
	@echo '$(CFLAGS) $(ASFLAGS)' | cmp -s - $@ || echo '$(CFLAGS) $(ASFLAGS)' > $@
FORCE:

$(B)/obj/%.o: %.c $(B)/.flags | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/%.o: %.asm $(B)/.flags | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) $(ASFLAGS) $(if $(filter boot/%,$<),,-g -F dwarf) -MD $(@:.o=.d) -MP $< -o $@

# Generated sources: the console font, from QEMU's VGA BIOS (scripts/mkfont.py).
$(B)/gen/font8x16.c: scripts/mkfont.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@$(PYTHON) scripts/mkfont.py $@
$(B)/obj/gen/%.o: $(B)/gen/%.c $(B)/.flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

-include $(KOBJS:.o=.d) $(TOBJS:.o=.d)

# --- link: twice, the second time with the symbol table (kernel/ksyms.c) ----
$(B)/ksyms0.S: scripts/ksyms.py
	@mkdir -p $(B)
	$(PYTHON) scripts/ksyms.py --empty > $@
$(B)/%.ksyms.o: $(B)/%.ksyms.S
	$(CC) -c $< -o $@
$(B)/ksyms0.o: $(B)/ksyms0.S
	$(CC) -c $< -o $@

# $(call link_kernel,output,objects)
define link_kernel
	$(LD) $(LDFLAGS) -o $(1:.elf=.pass1.elf) $(2) $(B)/ksyms0.o
	$(NM) -n $(1:.elf=.pass1.elf) | $(PYTHON) scripts/ksyms.py > $(1:.elf=.ksyms.S)
	$(CC) -c $(1:.elf=.ksyms.S) -o $(1:.elf=.ksyms.o)
	$(LD) $(LDFLAGS) -o $(1) $(2) $(1:.elf=.ksyms.o)
	@$(NM) -n $(1:.elf=.pass1.elf) | grep ' [tT] ' > $(1:.elf=.pass1.syms)
	@$(NM) -n $(1) | grep ' [tT] ' | cmp -s - $(1:.elf=.pass1.syms) || \
		{ echo "ksyms: functions moved between the two links" >&2; rm -f $(1); exit 1; }
endef

$(B)/kernel.elf: $(KOBJS) $(B)/ksyms0.o linker.ld scripts/ksyms.py
	$(call link_kernel,$@,$(KOBJS))
$(B)/kernel-test.elf: $(KOBJS) $(TOBJS) $(B)/ksyms0.o linker.ld scripts/ksyms.py
	$(call link_kernel,$@,$(KOBJS) $(TOBJS))

# --- user space: user/lib, user/bin, tests/user (user/user.mk) -------------
include user/user.mk

# --- initrd: build/initrd/ staged afresh, then a cpio newc archive ----------
# The tree is user/initrd/ plus the top-level folders every boot has, the
# programs of user/bin and EXTRA (host-built static binaries) in /bin, and
# the test programs of tests/user in /tests, without their debug sections
# (four fifths of their bytes, which every boot copies out of the initrd:
# about 50,000 instructions per test program in make bench's boot row;
# gdb reads them from build/tests/user, and nothing in the guest does).  The folders of user/initrd are
# prerequisites too, so a file added or removed there rebuilds it; so is a
# list of the programs (and of how /tests is made), so changing EXTRA rebuilds it.
INITRD_SRC := $(shell find user/initrd 2>/dev/null)
# BusyBox (Debian's busybox-static, which scripts/deps.sh installs) goes in
# as /bin/busybox when the host has a static one: `busybox ls` works in
# every boot, and make run USERLAND=busybox boots into it (/etc/inittab).
BUSYBOX_BIN := $(shell [ -x /bin/busybox ] && ! readelf -l /bin/busybox 2>/dev/null | \
		 grep -q interpreter && echo /bin/busybox)
INITRD_BIN := $(USER_PROGS) $(EXTRA) $(BUSYBOX_BIN)
# bash (Debian's bash-static, also from scripts/deps.sh) goes in as /bin/bash
# likewise, when the host has it: the compat boot runs tests/compat/*.bash.
BASH_BIN := $(shell [ -x /bin/bash-static ] && ! readelf -l /bin/bash-static 2>/dev/null | \
		 grep -q interpreter && echo /bin/bash-static)
# tests/compat: the compatibility corpus, as the initrd's /compat
COMPAT_SRC := $(wildcard tests/compat/*)
$(UB)/.initrd-list: FORCE
	@mkdir -p $(UB)
	@echo '$(INITRD_BIN) $(BASH_BIN) $(USER_TESTS) $(HOSTILE_PROGS) $(COMPAT_SRC) tests:strip-debug' | cmp -s - $@ || \
		echo '$(INITRD_BIN) $(BASH_BIN) $(USER_TESTS) $(HOSTILE_PROGS) $(COMPAT_SRC) tests:strip-debug' > $@
$(UB)/initrd.cpio: $(INITRD_SRC) $(INITRD_BIN) $(BASH_BIN) $(USER_TESTS) $(HOSTILE_PROGS) $(COMPAT_SRC) \
		$(UB)/.initrd-list scripts/mkcpio.py
	@rm -rf $(UB)/initrd && mkdir -p $(UB)/initrd/bin $(UB)/initrd/dev $(UB)/initrd/tmp \
		$(UB)/initrd/proc $(UB)/initrd/tests $(UB)/initrd/compat
	@if [ -d user/initrd ]; then cp -R user/initrd/. $(UB)/initrd/; fi
	@cp $(INITRD_BIN) $(UB)/initrd/bin/
	@$(if $(BASH_BIN),cp $(BASH_BIN) $(UB)/initrd/bin/bash)
	@$(if $(COMPAT_SRC),cp $(COMPAT_SRC) $(UB)/initrd/compat/)
	@$(if $(USER_TESTS),cp $(USER_TESTS) $(UB)/initrd/tests/ && \
		$(STRIP) --strip-debug $(addprefix $(UB)/initrd/tests/,$(notdir $(USER_TESTS))))
	@for p in $(HOSTILE_PROGS); do d=$(UB)/initrd/$${p#$(UB)/hostile/}; \
		mkdir -p $$(dirname $$d) && cp $$p $$d; done
	@echo "  CPIO    $@"
	@$(PYTHON) scripts/mkcpio.py $(UB)/initrd $@

# --- ISO images (GRUB, timeout 0) ------------------------------------------
# $(call make_iso,kernel.elf,output.iso[,initrd.cpio: the usual one by default])
define make_iso
	@rm -rf $(2:.iso=.isodir) && mkdir -p $(2:.iso=.isodir)/boot/grub
	cp $(1) $(2:.iso=.isodir)/boot/kernel.elf
	cp $(or $(3),$(UB)/initrd.cpio) $(2:.iso=.isodir)/boot/initrd.cpio
	cp boot/grub.cfg $(2:.iso=.isodir)/boot/grub/grub.cfg
	grub-mkrescue -o $(2) $(2:.iso=.isodir) 2> $(2:.iso=.log) || { cat $(2:.iso=.log); exit 1; }
endef

$(B)/kernel.iso: $(B)/kernel.elf $(UB)/initrd.cpio boot/grub.cfg
	$(call make_iso,$<,$@)
$(B)/test.iso: $(B)/kernel-test.elf $(UB)/initrd.cpio boot/grub.cfg
	$(call make_iso,$<,$@)

# --- Linux's mm selftests: make selftests, and make test's selftests.mm ------
include tests/selftests/selftests.mk

# --- a swap disk: make run SWAP=64M -----------------------------------------
# A raw image of SWAP bytes (truncate's sizes: 64M is 64 MiB) that the host's
# mkswap (util-linux) formats with Linux's swap header ("SWAPSPACE2" at 4086,
# version 1, last_page), attached as a virtio-blk-pci disk: /dev/vda in the
# guest (drivers/virtio_blk.c).  Written in full (dd of zeros, not a sparse
# file, which mkswap warns of), and made again when SWAP changes.
MKSWAP   := $(or $(shell command -v mkswap 2>/dev/null),/sbin/mkswap)
SWAP_IMG := $(UB)/swap.img
SWAP_QEMU = -drive file=$(SWAP_IMG)$(comma)if=none$(comma)id=swap$(comma)format=raw \
	    -device virtio-blk-pci$(comma)drive=swap
$(UB)/.swap-size: FORCE
	@mkdir -p $(UB)
	@echo '$(SWAP)' | cmp -s - $@ || echo '$(SWAP)' > $@
$(SWAP_IMG): $(UB)/.swap-size
	@echo "  MKSWAP  $@ ($(SWAP))"
	@rm -f $@ $@.tmp && truncate -s $(SWAP) $@.tmp && chmod 600 $@.tmp && \
		dd if=/dev/zero of=$@.tmp bs=1M count=$$(($$(stat -c %s $@.tmp) >> 20)) conv=notrunc status=none && \
		$(MKSWAP) -q $@.tmp && mv $@.tmp $@

# --- run --------------------------------------------------------------------
run: $(B)/kernel.iso $(if $(SWAP),$(SWAP_IMG))
	@$(if $(filter busybox,$(USERLAND)),$(if $(BUSYBOX_BIN),true,echo "make run USERLAND=busybox: no static /bin/busybox on this host: apt-get install busybox-static (scripts/deps.sh does)"; exit 1))
	@echo "== faultline in QEMU: quit with Ctrl-A X (serial console on this terminal) =="
	@# QEMU's status 1 is the kernel powering off (isa-debug-exit 0): success
	$(QEMU_BASE) -cdrom $< -serial mon:stdio $(FWCFG) $(if $(NOGRAPHIC),-display none,) \
		$(if $(SWAP),$(SWAP_QEMU)) || [ $$? -eq 1 ]

# --- test -------------------------------------------------------------------
# The gdb boots of make gdb's kernel (tests/boots.py, kernel='debug') need
# build/debug/kernel.iso: at -O0, with the same initrd, it builds in seconds.
# The profile boot runs make profile: its kernel and the plugin are built here.
# selftests.mm boots build/selftests.iso, made when Debian's linux-source
# tarball is there (scripts/deps.sh installs it); without it that boot fails,
# saying so, and the others run.
test: $(B)/kernel.iso $(B)/test.iso $(B)/kernel-test.elf debug-kernel $(UB)/insnprof.so \
		$(if $(wildcard $(LINUX_SRC)),$(B)/selftests.iso)
	FAULTLINE_BUILD=$(B) FAULTLINE_DEBUG_BUILD=build/debug \
		$(PYTHON) tests/run.py $(if $(SUITE),--only '$(SUITE)')
debug-kernel: $(UB)/initrd.cpio
	@$(if $(DEBUG),true,$(MAKE) --no-print-directory DEBUG=1 build/debug/kernel.iso)

# --- labs: student trees and their grades (docs/labs/README.md) ------------
# make lab writes a lab's student tree (scripts/mklab.py: a fresh git
# repository); make grade runs the graded tests of tests/labs.py (a student
# tree, with its .lab file: only its lab) and writes $(B)/grade.json.
lab:
	@$(if $(LAB),$(PYTHON) scripts/mklab.py $(LAB) $(OUT),echo "make lab LAB=<lab> [OUT=dir]:"; \
		$(PYTHON) scripts/mklab.py --list; exit 2)
grade-stale:
	@rm -f $(B)/grade.json		# a build that fails leaves no old grade behind
grade: grade-stale $(B)/test.iso $(B)/kernel-test.elf
	@FAULTLINE_BUILD=$(B) $(PYTHON) tests/grade.py $(if $(LAB),--lab $(LAB)) \
		$(if $(TEST),--test '$(TEST)')

# Linux is the oracle: the same test binaries, run natively on this host
# by the same runner (user/bin/runtests), must pass here too; and the
# scripts of tests/compat must end with status 0 under BusyBox (and bash)
# here (tests/compatrun.py: each in a new temporary folder, nothing else
# written).
test-linux: $(USER_TESTS) $(U)/bin/runtests
	@mkdir -p $(UB)/linux-tmp
	cd $(UB)/linux-tmp && ../user/bin/runtests ../tests/user
	$(PYTHON) tests/compatrun.py --host

# --- bench: fault costs in guest instructions (QEMU -icount), next to ------
# Linux 6.1's (user/bin/faultbench.c, scripts/bench.py, docs/performance.md).
# LINUX=1: the same faultbench binary also runs as /init of Debian's Linux
# 6.1 kernel under the same clock, in this run (the kernel is downloaded once
# into LINUX_CACHE by scripts/deps.sh --linux-kernel); without it Linux's
# column is quoted from an earlier such run, and says so.
LINUX_CACHE ?= /var/tmp/faultline-linux
bench: $(B)/kernel.iso
	@$(PYTHON) scripts/bench.py --iso $< --prog $(U)/bin/faultbench $(if $(LINUX),--linux) \
		--linux-cache $(LINUX_CACHE) --workdir $(UB)/linux-bench --qemu-extra '$(QEMU_EXTRA)'

# --- profile: where one kind of fault spends its instructions ---------------
# faultbench --profile FAULT runs that row's loop between two marker
# instructions; the QEMU plugin scripts/profile/insnprof.c counts the guest
# instructions executed between them by address, scripts/profile.py names
# the functions (docs/performance.md).  ADDRS=n: also the n hottest addresses.
# The plugin is built here with the host's gcc against our own declarations
# of QEMU 7.2's plugin API (Debian ships no qemu-plugin.h).
FAULT  ?= anon-write
PLUGIN := $(UB)/insnprof.so
$(PLUGIN): scripts/profile/insnprof.c scripts/profile/qemu_plugin_api.h
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -fPIC -shared \
		-fvisibility=hidden -o $@ $<
profile: $(B)/kernel.iso $(PLUGIN)
	@$(PYTHON) scripts/profile.py --fault '$(FAULT)' --iso $(B)/kernel.iso --kernel $(B)/kernel.elf \
		--user $(U)/bin/faultbench --plugin $(PLUGIN) $(if $(ADDRS),--addrs $(ADDRS)) \
		--qemu-extra '$(QEMU_EXTRA)'

# --- fuzz: the system-call fuzzer (tests/fuzz/fuzz.c) as init, headless ------
# make fuzz SEED=7 CALLS=100000 runs a longer campaign than make test's boots;
# FUZZ_ARGS="--from 1200 -v" or "--only 1234" replays a failure.  The serial
# console goes to this terminal and to $(B)/fuzz.log; the last line counts the
# TAP results.  A panic, or no power-off within FUZZ_TIMEOUT seconds, fails.
SEED        ?= 1
CALLS       ?= 20000
FUZZ_ARGS   ?=
FUZZ_TIMEOUT ?= 3600
FUZZ_CMDLINE = fbcon=0 $(CMDLINE) init=/fuzz/fuzz -- --seed $(SEED) --calls $(CALLS) $(FUZZ_ARGS)
fuzz: $(B)/kernel.iso
	@echo "== fuzz: seed $(SEED), $(CALLS) calls $(FUZZ_ARGS); log: $(B)/fuzz.log =="
	@{ timeout $(FUZZ_TIMEOUT) $(QEMU_BASE) -cdrom $< -serial stdio -display none -monitor none \
		-fw_cfg name=opt/faultline/cmdline$(comma)string="$(subst $(comma),$(comma)$(comma),$(strip $(FUZZ_CMDLINE)))" \
		</dev/null; echo $$? > $(B)/fuzz.rc; } | tee $(B)/fuzz.log
	@rc=$$(cat $(B)/fuzz.rc); pass=$$(grep -c '^ok ' $(B)/fuzz.log); \
	fail=$$(grep -c '^not ok ' $(B)/fuzz.log); \
	why=$$(case $$rc in 1) ;; 3) echo ', kernel panic';; 124) echo ', hang (FUZZ_TIMEOUT)';; \
		*) echo ", QEMU exit status $$rc";; esac); \
	echo "fuzz: seed $(SEED): $$pass passed, $$fail failed$$why"; \
	[ $$rc -eq 1 ] && [ $$fail -eq 0 ] && [ $$pass -gt 0 ]

# --- debug ------------------------------------------------------------------
# The kernel's options reach it through fw_cfg as with make run, so
# `make gdb INIT=/bin/faultpaths` boots straight into that program: continue
# from kmain after `break-fault list` / `break-fault anon 0x10000000`
# (scripts/gdb/faultline.py).  The console goes to $(B)/gdb-serial.log (tail -f it in another terminal).
# GDBX=file runs gdb commands from file after the stop at kmain (a handout's
# steps, say); gdb stays open after them.
GDB_PORT ?= 1234
gdb: $(B)/kernel.iso
	@echo "== QEMU halted at reset, gdb on :$(GDB_PORT); quit gdb to stop QEMU =="
	@echo "== options: $(or $(KCMDLINE),(none)); console: $(B)/gdb-serial.log =="
	$(QEMU_BASE) -cdrom $< -serial file:$(B)/gdb-serial.log -display none $(FWCFG) \
		-gdb tcp::$(GDB_PORT) -S & echo $$! > $(B)/qemu-gdb.pid
	gdb -q -x scripts/gdb/init.gdb -ex 'target remote :$(GDB_PORT)' \
		-ex 'hbreak kmain' -ex 'continue' $(if $(GDBX),-x $(GDBX)) $(B)/kernel.elf; \
		kill $$(cat $(B)/qemu-gdb.pid) 2>/dev/null; true

clean:
	rm -rf $(B)
