# tests/selftests/selftests.mk — Linux's own mm selftests (Linux 6.12's
# tools/testing/selftests/mm), built with musl-gcc -static and run inside
# faultline.  Included from the top-level Makefile; docs/selftests.md.
#
#   make selftests     every test below, one /bin/runtests boot resumed after
#                      a panic or hang: each test's kselftest totals, then
#                      "N passed, N failed"
#   make test          the goal tests that pass today (tests/selftests-goal),
#                      as the boot selftests.mm
#
# Nothing of Linux is in this repository: the tests' sources and the UAPI
# headers are taken out of Debian's linux-source-6.12 tarball (scripts/deps.sh
# installs it) into $(ST)/src once per clean build (scripts/selftests-src.sh).
# The glue is ours, in tests/selftests/: compat.h (included first in every
# source file), include/sys/prctl.h (glibc's, in place of musl's), stubs.c
# (glibc functions musl lacks), malloc.c (small blocks from brk, as glibc's
# malloc: linked as an object, so that it replaces musl's everywhere) and
# the flags below.  The tests' own files are compiled as they are.
#
#   $(ST)/src/       the extraction (linux/ and usr/include/)
#   $(ST)/mm/<test>  the static binaries: the initrd's /selftests/mm
#   $(ST)/initrd.cpio  the usual initrd plus /selftests
#   $(B)/selftests.iso the test kernel with that initrd (run.py: kernel='selftests')

LINUX_SRC   ?= /usr/src/linux-source-6.12.tar.xz
ST          := $(UB)/selftests
ST_SRC      := $(ST)/src
ST_MM       := $(ST_SRC)/linux/tools/testing/selftests/mm
ST_GLUE     := tests/selftests

# The programs of tools/testing/selftests/mm/Makefile's TEST_GEN_FILES on
# x86-64, but for those that need a library musl-gcc has no build of
# (docs/selftests.md, "What is not built"):
#   ksm_tests, migration          libnuma (<numa.h>)
#   memfd_secret, mlock-random-test   libcap (<sys/capability.h>)
#   protection_keys_32, pkey_sighandler_tests_32   a 32-bit libc (musl-gcc is 64-bit only)
# How each is run (its arguments) is tests/selftests/mm.run.
ST_TESTS := cow compaction_test droppable gup_longterm gup_test hmm-tests \
	hugepage-mmap hugepage-mremap hugepage-shm hugepage-vmemmap hugetlb-madvise \
	hugetlb-read-hwpoison hugetlb-soft-offline hugetlb_dio hugetlb_fault_after_madv \
	hugetlb_madv_vs_map khugepaged ksm_functional_tests madv_populate map_fixed_noreplace \
	map_hugetlb map_populate mdwe_test mkdirty mlock2-tests mrelease_test mremap_dontunmap \
	mremap_test mseal_test seal_elf on-fault-limit pagemap_ioctl thuge-gen transhuge-stress \
	uffd-stress uffd-unit-tests split_huge_page_test soft-dirty va_high_addr_switch \
	virtual_address_range write_to_hugetlbfs protection_keys_64 pkey_sighandler_tests_64
ST_BINS  := $(addprefix $(ST)/mm/,$(ST_TESTS))
ST_NOT_BUILT := ksm_tests migration memfd_secret mlock-random-test
ST_HELPERS   := vm_util thp_settings uffd-common

# As the tests' Makefile and ../lib.mk compile them (CFLAGS, KHDR_INCLUDES,
# TOOLS_INCLUDES, -D_GNU_SOURCE=, LDLIBS), with musl-gcc -static, our two
# include folders first, and $(ST)/mm/local_config.h (below) found by -I.
# Compiled from the tests' folder by file name, as their Makefile does: a
# test's __FILE__ is "gup_longterm.c", not a path (gup_longterm makes its
# "local tmpfile" as __FILE__"_tmpfile_XXXXXX" in the current directory).
ST_CC     := $(MUSL_GCC) -static
ST_CFLAGS  = -Wall -O2 -I $(abspath $(ST_GLUE)/include) -include $(abspath $(ST_GLUE)/compat.h) \
	     -I $(abspath $(ST)/mm) -I $(abspath $(ST_SRC)/linux) \
	     -isystem $(abspath $(ST_SRC)/usr/include) \
	     -isystem $(abspath $(ST_SRC)/linux/tools/include/uapi) -U_FORTIFY_SOURCE -D_GNU_SOURCE=
ST_LDLIBS  = $(abspath $(ST)/obj/malloc.o $(ST)/obj/libstubs.a) -lrt -lpthread -lm

# Per test, as its Makefile says (or, for khugepaged, what it lacks):
# the pkey tests are built from protection_keys.c and pkey_sighandler_tests.c
# with -mxsave; uffd-* link uffd-common.c; Linux 6.12.y's khugepaged.c
# returns KSFT_SKIP without including kselftest.h (it does not build with
# glibc either), so its value comes as a -D flag.
$(ST)/mm/protection_keys_64 $(ST)/mm/pkey_sighandler_tests_64: ST_FLAGS := -m64 -mxsave
$(ST)/mm/protection_keys_64: ST_MAIN := protection_keys
$(ST)/mm/pkey_sighandler_tests_64: ST_MAIN := pkey_sighandler_tests
$(ST)/mm/uffd-stress $(ST)/mm/uffd-unit-tests: ST_EXTRA := $(abspath $(ST)/obj/uffd-common.o)
$(ST)/mm/khugepaged: ST_FLAGS := -DKSFT_SKIP=4

.PHONY: selftests selftests-build
selftests-build: $(ST_BINS) $(ST)/.checked

# A test of a newer tarball that the list above does not know is named
# (every .c of the folder is a test, a helper, or not built on purpose).
$(ST)/.checked: $(ST_SRC)/.done tests/selftests/selftests.mk
	@known=" $(patsubst %_64,%,$(ST_TESTS)) $(ST_NOT_BUILT) $(ST_HELPERS) "; \
	for f in $(ST_MM)/*.c; do t=$$(basename $$f .c); case "$$known" in *" $$t "*) ;; \
		*) echo "selftests: $$t.c is not built: new in this tarball? add it to" \
			"tests/selftests/selftests.mk and tests/selftests/mm.run" >&2;; esac; done
	@touch $@

# The extraction: once, again only when the tarball changes (a new Debian
# upload) or the script does.
$(ST_SRC)/.done: $(LINUX_SRC) scripts/selftests-src.sh
	@scripts/selftests-src.sh $(LINUX_SRC) $(ST_SRC)
$(LINUX_SRC):
	@echo "selftests: $(LINUX_SRC) is missing: Debian's linux-source-6.12 package;"\
	      "scripts/deps.sh installs it (as root)" >&2; exit 1

# local_config.h as the tests' Makefile makes it: their check_config.sh,
# run with our compiler (it finds no liburing: the io_uring cases skip).
$(ST)/mm/local_config.h: $(ST_SRC)/.done
	@mkdir -p $(dir $@)
	@cd $(dir $@) && /bin/sh $(abspath $(ST_MM))/check_config.sh '$(ST_CC)' >/dev/null
	@rm -f $(dir $@)/local_config.mk

ST_GLUE_FILES := $(ST_GLUE)/compat.h $(ST_GLUE)/include/sys/prctl.h tests/selftests/selftests.mk
$(ST)/obj/%.o: $(ST_SRC)/.done $(ST)/mm/local_config.h $(ST_GLUE_FILES)
	@mkdir -p $(dir $@)
	@echo "  MUSL    mm/$*.c"
	@cd $(ST_MM) && $(ST_CC) $(ST_CFLAGS) -c $*.c -o $(abspath $@)
$(ST)/obj/stubs.o $(ST)/obj/malloc.o: $(ST)/obj/%.o: $(ST_GLUE)/%.c $(ST_GLUE_FILES) $(ST_SRC)/.done
	@mkdir -p $(dir $@)
	@echo "  MUSL    $<"
	@$(ST_CC) $(ST_CFLAGS) -c $< -o $@
$(ST)/obj/libstubs.a: $(ST)/obj/stubs.o
	@rm -f $@ && ar rcs $@ $^

# Each test: its own .c (ST_MAIN, by default its name), with vm_util.c and
# thp_settings.c, as every test of the Makefile is linked.
$(ST_BINS): $(ST)/mm/%: $(ST)/obj/vm_util.o $(ST)/obj/thp_settings.o $(ST)/obj/libstubs.a \
		$(ST)/obj/malloc.o \
		$(ST)/obj/uffd-common.o $(ST)/mm/local_config.h $(ST_GLUE_FILES)
	@echo "  MUSL    mm/$(or $(ST_MAIN),$*).c"
	@cd $(ST_MM) && $(ST_CC) $(ST_CFLAGS) $(ST_FLAGS) -o $(abspath $@) $(or $(ST_MAIN),$*).c \
		$(ST_EXTRA) $(abspath $(ST)/obj/vm_util.o $(ST)/obj/thp_settings.o) $(ST_LDLIBS)

# The initrd of make test's /tests etc. and /selftests beside it: the
# usual one, staged afresh (build/initrd), plus the tests and their run list.
$(ST)/initrd.cpio: $(UB)/initrd.cpio $(ST_BINS) tests/selftests/mm.run scripts/mkcpio.py | $(ST)/.checked
	@rm -rf $(ST)/initrd && cp -R $(UB)/initrd $(ST)/initrd
	@mkdir -p $(ST)/initrd/selftests/mm
	@cp $(ST_BINS) $(ST)/initrd/selftests/mm/
	@cp tests/selftests/mm.run $(ST)/initrd/selftests/mm.run
	@echo "  CPIO    $@"
	@$(PYTHON) scripts/mkcpio.py $(ST)/initrd $@

$(B)/selftests.iso: $(B)/kernel-test.elf $(ST)/initrd.cpio boot/grub.cfg
	$(call make_iso,$<,$@,$(ST)/initrd.cpio)

# Every test (the boot selftests.mm.all of tests/boots.py).  Many fail
# today: a missing interface each (docs/selftests.md's table).
selftests: $(B)/selftests.iso $(B)/kernel-test.elf
	FAULTLINE_BUILD=$(B) $(PYTHON) tests/run.py --only selftests.mm.all
