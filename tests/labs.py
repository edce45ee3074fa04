"""tests/labs.py — the grader's table: the labs, their handouts, where their
regions are, and their graded tests with points.

Each lab:
  title    one line
  handout  docs/labs/<lab>.md
  needs    labs best done first (advice for docs/labs/README.md; every lab's
           student tree has the others solved, so none is required)
  files    the files holding its regions (`LAB <lab>: BEGIN` ... `END`);
           scripts/mklab.py --check keeps this list true
  tests    (points, name): the graded tests.  A name is what tests/run.py
           prints for a case:
             'cow_basic.the child sees ...'   a tests/user program, a dot, its check
             'pgtable.sparse_range_ops'       an in-kernel suite, a dot, its case
             'crash.null_deref'               a boot of tests/boots.py (all its cases)
             'screenshot.fbdemo: serial output'   one case of such a boot
           or a whole program ('cow_big': all its checks, and its own result:
           exit status, no page leaked, page counts right).
  also     cases the lab's stub also breaks but that grade nothing of their
           own (a suite's leak check; gdb.lab_<lab>, the handout's gdb session
           replayed): owned by the lab, no points.

tests/grade.py runs a lab's graded tests (make grade LAB=x); tests/labproof.py
(make test) proves for every lab that its student tree (scripts/mklab.py)
passes every test outside this table's entry and fails every graded test.
A test belongs to one lab only.
"""

LABS = {
    'pgtable': dict(
        title='Page tables: walk them for the oops, free them after munmap',
        handout='docs/labs/pgtable.md',
        needs=[],
        files=['mm/pgtable.c'],
        tests=[
            (3, 'crash.null_deref'),
            (3, 'crash.write_kernel_text'),
            (2, 'crash.exec_data'),
            (3, 'pgtable.map_across_pmd_boundary'),
            (3, 'pgtable.sparse_range_ops'),
            (2, 'pgtable.kernel_range_live'),
        ],
        also=['gdb.lab_pgtable', 'pgtable.no_leak', 'ktest: free frames back to the start'],
    ),
    'anon': dict(
        title='Anonymous faults and the zero page',
        handout='docs/labs/anon.md',
        needs=['pgtable'],
        files=['mm/memory.c'],
        tests=[
            (3, 'mem_fault.16 first reads map the zero page: fault_anon_zero_page +16'),
            (2, 'mem_fault.16 first writes map new pages: fault_anon_new_page +16'),
            (3, 'mem_fault.writes to 16 pages read before copy the zero page: '
                'fault_wp_zero_page_copy +16'),
            (2, 'mem_fault.reading 256 fresh pages uses no memory (the zero page)'),
        ],
        also=['gdb.lab_anon',
              # the stub maps a page of its own for a read: no zero page to see
              'proc_pagemap.a page only read is the zero page: present, shared PFN, not '
              'exclusive',
              'proc_smaps.5 pages written, 3 read: 20 kB Rss, Pss, Private_Dirty, Anonymous, '
              'Referenced',
              # what MADV_POPULATE_READ and mlock map for a read is the zero page
              "gup_populate.MADV_POPULATE_READ maps the zero page: reads take no fault, "
              "writes one",
              "gup_mlock./proc/meminfo's Mlocked counts each locked page once, not the zero "
              "page",
              # ... and maps it as written: soft-dirty after a read
              'proc_softdirty.after clear_refs a read neither faults nor sets soft-dirty',
              'proc_softdirty.MADV_POPULATE_READ leaves pages clean, MADV_POPULATE_WRITE sets '
              'soft-dirty'],
    ),
    'cow': dict(
        title='Copy-on-write fork',
        handout='docs/labs/cow.md',
        needs=['anon'],
        files=['mm/memory.c'],
        tests=[
            (1, 'cow_basic.the child writes 16 inherited pages: 16 faults'),
            (2, 'cow_basic.the child\'s 16 writes copy: fault_wp_copy +16, fault_wp_reuse +0'),
            (1, 'cow_basic.the parent writes 16 pages while the child lives: 16 faults'),
            (1, 'cow_basic.the parent\'s 16 writes while the child lives copy: fault_wp_copy +16'),
            (1, 'cow_basic.the child\'s read() into inherited pages: 16 faults in the kernel, copies'),
            (1, 'cow_basic.the parent\'s read() into its pages while the child lives: 16 faults, '
                'copies'),
            (1, 'cow_basic.after an idle child exits, the parent\'s writes fault once per page'),
            (2, 'cow_basic.after an idle child exits, the parent\'s writes reuse: '
                'fault_wp_reuse +16, fault_wp_copy +0'),
            (1, 'cow_basic.after a child that copied every page exits, the parent\'s writes '
                'fault once per page'),
            (2, 'cow_basic.after a copying child exits, the parent\'s writes reuse: '
                'fault_wp_reuse +16, fault_wp_copy +0'),
            (1, 'cow_basic.the child copied page 0 only: the parent\'s 16 writes take 16 faults'),
            (2, 'cow_basic.the child copied page 0 only: the parent reuses page 0 and copies 15'),
            (1, 'cow_basic.after the parent\'s munmap, the child\'s writes fault once per page'),
            (1, 'cow_basic.after the parent\'s munmap, the child\'s writes reuse: '
                'fault_wp_reuse +16'),
            (1, 'cow_basic.fork + execve: while the new program runs, the parent\'s writes fault '
                'once per page'),
            (1, 'cow_basic.fork + execve: the exec released the child\'s share: the parent '
                'reuses all 16'),
            (1, 'cow_basic.wait4\'s rusage counts the child\'s 16 COW faults'),
            (3, 'cow_big'),
            (2, 'cow_chain'),
            (3, 'cow_file'),
            (2, 'cow_stress'),
            (1, 'fmap_fork.the child\'s write to an inherited copy: one fault, a copy of its own'),
        ],
        also=['gdb.lab_cow',
              # a move after fork must still copy on write: the stub copied at fork
              "mem_mremap.moved after fork: writes at the new address copy; the child's pages stay",
              # the stub copies at fork: parent and child never share a page
              'proc_pagemap.after fork parent and child map the same PFN, exclusive in neither; '
              'a write copies',
              'proc_smaps.fork: Shared_Dirty, half the Pss; a write moves pages to Private_Dirty '
              'in both',
              # the child's inherited pages are shared copy-on-write until written
              "gup_mlock.fork does not inherit locks (VMAs, MCL_FUTURE)",
              "gup_populate.MADV_POPULATE_WRITE breaks COW after fork: the child's writes "
              "there take no fault"],
    ),
    'filemap': dict(
        title='File mappings and fault-around',
        handout='docs/labs/filemap.md',
        needs=['anon'],
        files=['mm/filemap.c', 'mm/memory.c'],
        tests=[
            (2, 'fmap_around.16-page file at 64 KiB: page 0 costs 1 fault, pages 1-15 none'),
            (1, 'fmap_around.20-page file: page 16 costs one more fault, 17-19 none'),
            (1, 'fmap_around.reading page 8 first maps pages 0-15'),
            (1, 'fmap_around.the pages mapped around hold the file\'s bytes'),
            (2, 'fmap_around.mapping at boundary + 5 pages: page 0 maps 16 pages from the VMA '
                'start, then aligned windows'),
            (2, 'fmap_around.mapping at boundary + 5 pages, page 12 first: maps 11-15, then '
                'page 0 maps 0-10'),
            (1, 'fmap_around.file offset 3 pages at a boundary: the window follows the address'),
            (1, 'fmap_around.file offset and address 3 pages past a boundary: 0-15, then 16-23'),
            (2, 'fmap_around.fault-around never crosses a page-table (2 MiB) boundary'),
            (2, 'fmap_around.fault-around never crosses the VMA end (a mapping right after)'),
            (1, 'fmap_around.fault-around never reaches before the VMA start'),
            (1, 'fmap_around.fault-around stops at the file end; past it SIGBUS/BUS_ADRERR at '
                'the address'),
            (1, 'fmap_around.partial last page: mapped, its tail reads zero; the next page SIGBUS'),
            (2, 'fmap_around.only pages in the page cache are mapped around (a hole faults '
                'itself)'),
            (1, 'fmap_around.fault-around leaves a private copy in place'),
            (1, 'fmap_around.MAP_POPULATE of a cached file (shared, or private read-only): '
                'one fault'),
            (1, 'fmap_around.MADV_DONTNEED on a private mapping: reading back is one fault '
                'again'),
            (2, 'fmap_around.one read of a cached file: fault_file_read_around +1, '
                'fault_file_read +0'),
        ],
        also=['gdb.lab_filemap'],
    ),
    'shared': dict(
        title='Shared file mappings and write-notify',
        handout='docs/labs/shared.md',
        needs=['filemap'],
        files=['mm/memory.c', 'mm/rmap.c'],
        tests=[
            (3, 'fmap_write.shared: 16 stores to clean pages dirty 16 pages (nr_dirty), '
                'msync writes 16'),
            (3, 'fmap_write.shared: write, msync(MS_SYNC), write again: one more fault per '
                'page (ext4)'),
            (2, 'fmap_write.shared: msync of pages 4-11 re-arms those pages only'),
            (2, 'fmap_write.shared: msync through one mapping re-arms another mapping of the '
                'file'),
        ],
        also=['gdb.lab_shared'],
    ),
    'pfn': dict(
        title='The pfn-mapped framebuffer',
        handout='docs/labs/pfn.md',
        needs=['shared'],
        files=['mm/memory.c'],
        tests=[
            (2, 'fb_mmap.a first write costs 2 faults per page (insert read-only, then '
                'pfn_mkwrite)'),
            (1, 'fb_mmap.a write to a page already read costs 1 fault (pfn_mkwrite)'),
            (1, 'fb_mmap.writes after the first cost nothing; damage counts each page once'),
            (2, 'fb_mmap.damage 0 -> N -> 0 across fsync; then 1 fault per page written again'),
            (1, 'fb_mmap.FBIO_FAULTLINE_FLUSH returns the pages flushed and re-arms pfn_mkwrite'),
            (1, 'fb_mmap.the damage outlives munmap; a new mapping starts empty'),
            (1, 'fb_mmap.mprotect PROT_READ -> PROT_READ|PROT_WRITE keeps write-notify'),
            (1, 'fb_mmap.two mappings share the pixels; a flush write-protects both'),
            (1, 'fb_mmap.munmap of a middle page splits the mapping; a flush reaches both '
                'pieces'),
            (1, 'fb_mmap.fork: the child\'s PTEs are the parent\'s, as they were (writable '
                'stays writable)'),
            (1, 'fb_mmap.fork: a flush in the child write-protects the parent\'s PTEs too'),
            (1, 'fb_mmap.fork: a child exiting with the mapping leaves the parent\'s intact'),
            (2, 'screenshot.fbdemo: serial output'),
        ],
        also=['gdb.lab_pfn'],
    ),
    'gup': dict(
        title='get_user_pages: the kernel\'s own faults and the Dirty COW rule',
        handout='docs/labs/gup.md',
        needs=['cow', 'filemap'],
        files=['mm/gup.c'],
        tests=[
            (6, 'gup_mem.a forced write to a read-only private file mapping stays private '
                '(Dirty COW)'),
            (4, 'gup_mem.a parent writes its child\'s copy of a COW page, not its own'),
        ],
        also=['gdb.lab_gup'],
    ),
}
