/* The kernel's view of virtual memory (Sv39), the same in every address space:
 *
 *   0x0000_0000 - 0x3fff_ffff  devices (UART, virtio-mmio), 1 GiB kernel-only gigapage
 *   0x8000_0000 - RAM end      RAM identity-mapped, kernel-only gigapages (RWX)
 *   0x1_0000_0000 (UBASE)      user program: text, data, bss, guard page, stack, heap
 *   0x1_4000_0000 (UTOP)       end of user space (one top-level slot)
 *
 * Because the kernel half is present in every page table, traps need no trampoline and the
 * kernel reaches the trap frame with any satp. */
#ifndef MEMLAYOUT_H
#define MEMLAYOUT_H
#define KERNBASE   0x80200000ull
#define UBASE      0x100000000ull
#define UTOP       0x140000000ull
#define USTACK_PAGES 8
#endif
