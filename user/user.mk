# user/user.mk — user space: user/lib (a tiny libc over raw Linux system
# calls) and the programs in user/bin. Included from the top-level Makefile.
#
#   make user        build/user/bin/<prog> for every user/bin/<prog>.c
#   make user-clean  remove build/user
#
# The programs are static Linux x86-64 ELF executables with no dynamic loader
# and no TLS, so each one runs unchanged on the Linux host and in faultline.
#
#   build/user/crt0.o          _start
#   build/user/libc.a          user/lib/*.c, *.S
#   build/user/obj/...         objects (and .d dependency files)
#   build/user/bin/<prog>      the programs
#
# Headers are ours only (user/lib/include), plus gcc's freestanding ones
# (stdarg.h, stddef.h, stdint.h, stdbool.h); the host's libc is never seen.
#
# gcc uses SSE registers at -O2 (struct copies, varargs prologues), as every
# Linux binary does: the kernel enables SSE and keeps each process's FPU/SSE
# state (kernel/sched.c, fxsave/fxrstor on every switch).

# Built in $(UB) (build/), whatever the kernel's build: nothing here depends
# on DEBUG, so make gdb's -O0 kernel (build/debug) boots the same initrd.
U              := $(UB)/user
USER_GCC_INC   := $(shell $(CC) -print-file-name=include)
USER_CFLAGS    := -std=gnu11 -ffreestanding -fno-builtin -fno-stack-protector -fno-pie \
                  -O2 -g -fno-omit-frame-pointer -Wall -Wextra -Werror \
                  -nostdinc -isystem user/lib/include -isystem $(USER_GCC_INC) -MMD -MP \
                  $(USER_EXTRA_CFLAGS)
# The libc itself: gcc must not turn memset's own loop into a call to memset.
USER_LIBCFLAGS := $(USER_CFLAGS) -fno-tree-loop-distribute-patterns
USER_LDFLAGS   := -nostdlib -static -no-pie -Wl,-z,max-page-size=0x1000 \
                  -Wl,-z,noexecstack -Wl,--build-id=none

USER_LIB_SRC   := $(filter-out user/lib/crt0.S,$(wildcard user/lib/*.c user/lib/*.S))
USER_LIB_OBJS  := $(patsubst user/lib/%,$(U)/obj/lib/%.o,$(basename $(USER_LIB_SRC)))
USER_PROGS     := $(patsubst user/bin/%.c,$(U)/bin/%,$(wildcard user/bin/*.c))
USER_PROG_OBJS := $(patsubst $(U)/bin/%,$(U)/obj/bin/%.o,$(USER_PROGS))

.PHONY: user user-clean user-force
.SECONDARY: $(USER_PROG_OBJS)	# keep the objects make sees as intermediate
user: $(USER_PROGS)

user-clean:
	rm -rf $(U)

# Everything is rebuilt when the flags change.
$(U)/.flags: user-force
	@mkdir -p $(U)
	@echo '$(USER_LIBCFLAGS) $(USER_LDFLAGS)' | cmp -s - $@ || \
		echo '$(USER_LIBCFLAGS) $(USER_LDFLAGS)' > $@

$(U)/obj/lib/%.o: user/lib/%.c $(U)/.flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(USER_LIBCFLAGS) -c $< -o $@

$(U)/obj/lib/%.o: user/lib/%.S $(U)/.flags
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(USER_LIBCFLAGS) -c $< -o $@

$(U)/crt0.o: user/lib/crt0.S $(U)/.flags
	@echo "  AS      $<"
	@$(CC) $(USER_LIBCFLAGS) -c $< -o $@

$(U)/libc.a: $(USER_LIB_OBJS)
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

$(U)/obj/bin/%.o: user/bin/%.c $(U)/.flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

$(U)/bin/%: $(U)/obj/bin/%.o $(U)/crt0.o $(U)/libc.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -o $@ $(U)/crt0.o $< $(U)/libc.a

# tests/user/<name>.c: test programs, built the same way, into
# build/tests/user/<name> (the initrd's /tests).
USER_TESTS     := $(patsubst tests/user/%.c,$(UB)/tests/user/%,$(wildcard tests/user/*.c))
USER_TEST_OBJS := $(patsubst $(UB)/tests/user/%,$(U)/obj/tests/%.o,$(USER_TESTS))
.SECONDARY: $(USER_TEST_OBJS)

$(U)/obj/tests/%.o: tests/user/%.c $(U)/.flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

$(UB)/tests/user/%: $(U)/obj/tests/%.o $(U)/crt0.o $(U)/libc.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -o $@ $(U)/crt0.o $< $(U)/libc.a

# tests/user/musl_<name>.c: standard C built by musl-gcc -static (not with
# user/lib): a program from a real libc must run unchanged too.  Make picks
# this rule over the one above (its stem is shorter).  Without musl-gcc
# (Debian's musl-tools) these programs are left out, saying so.
MUSL_GCC       ?= musl-gcc
MUSL_TESTS     := $(filter $(UB)/tests/user/musl_%,$(USER_TESTS))
ifeq ($(shell command -v $(MUSL_GCC) 2>/dev/null),)
ifneq ($(MUSL_TESTS),)
$(info user.mk: $(MUSL_GCC) not found (apt-get install musl-tools): skipping $(notdir $(MUSL_TESTS)))
endif
USER_TESTS     := $(filter-out $(MUSL_TESTS),$(USER_TESTS))
endif

$(UB)/tests/user/musl_%: tests/user/musl_%.c
	@mkdir -p $(dir $@)
	@echo "  MUSL    $<"
	@$(MUSL_GCC) -static -O2 -g -Wall -Wextra -Werror -o $@ $<

# tests/stress/<name>.c, tests/fuzz/<name>.c and tests/runner/<name>.c:
# hostile programs (memory exhaustion, fork bombs, the syscall fuzzer, the
# test runner's own test, which panics the kernel).  They run only inside
# faultline: they go to the initrd's /stress, /fuzz and /runner, never into
# USER_TESTS (so make test-linux, which runs as root on the host, never
# sees them), and each starts with require_faultline() (tests/hostile.h).
HOSTILE_PROGS  := $(patsubst tests/%.c,$(UB)/hostile/%,$(wildcard tests/stress/*.c tests/fuzz/*.c \
                  tests/runner/*.c))
HOSTILE_OBJS   := $(patsubst $(UB)/hostile/%,$(U)/obj/hostile/%.o,$(HOSTILE_PROGS))
.SECONDARY: $(HOSTILE_OBJS)

$(U)/obj/hostile/%.o: tests/%.c tests/hostile.h $(U)/.flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

$(UB)/hostile/%: $(U)/obj/hostile/%.o $(U)/crt0.o $(U)/libc.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -o $@ $(U)/crt0.o $< $(U)/libc.a

-include $(USER_LIB_OBJS:.o=.d) $(USER_PROG_OBJS:.o=.d) $(USER_TEST_OBJS:.o=.d) $(U)/crt0.d \
         $(HOSTILE_OBJS:.o=.d)
