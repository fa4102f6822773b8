/* SBI specification constants (v3.0): extension ids, function ids, error codes.
 * Spec names, no project prefix. Freestanding; usable from C and assembly. */
#ifndef SBI_DEFS_H
#define SBI_DEFS_H

#define SBI_SUCCESS                0
#define SBI_ERR_FAILED            -1
#define SBI_ERR_NOT_SUPPORTED     -2
#define SBI_ERR_INVALID_PARAM     -3
#define SBI_ERR_DENIED            -4
#define SBI_ERR_INVALID_ADDRESS   -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED   -7
#define SBI_ERR_ALREADY_STOPPED   -8
#define SBI_ERR_NO_SHMEM          -9
#define SBI_ERR_INVALID_STATE     -10
#define SBI_ERR_BAD_RANGE         -11
#define SBI_ERR_TIMEOUT           -12
#define SBI_ERR_IO                -13
#define SBI_ERR_DENIED_LOCKED     -14
#define SBI_ERR_LOWEST            SBI_ERR_DENIED_LOCKED /* the lowest code rvpv answers */

#define SBI_SPEC_VERSION(maj, min) (((maj) << 24) | (min))

/* Legacy (v0.1) extensions still used by early consoles */
#define SBI_EXT_0_1_SET_TIMER     0x00
#define SBI_EXT_0_1_PUTCHAR       0x01
#define SBI_EXT_0_1_GETCHAR       0x02
#define SBI_EXT_0_1_SHUTDOWN      0x08

#define SBI_EXT_BASE              0x10
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID      1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXT        3
#define SBI_BASE_GET_MVENDORID    4
#define SBI_BASE_GET_MARCHID      5
#define SBI_BASE_GET_MIMPID       6

#define SBI_EXT_TIME              0x54494D45
#define SBI_TIME_SET_TIMER        0

#define SBI_EXT_IPI               0x735049
#define SBI_IPI_SEND_IPI          0

#define SBI_EXT_RFENCE                  0x52464E43
#define SBI_RFENCE_REMOTE_FENCE_I       0
#define SBI_RFENCE_REMOTE_SFENCE_VMA    1
#define SBI_RFENCE_REMOTE_SFENCE_VMA_ASID 2
#define SBI_RFENCE_REMOTE_HFENCE_GVMA_VMID 3
#define SBI_RFENCE_REMOTE_HFENCE_GVMA   4
#define SBI_RFENCE_REMOTE_HFENCE_VVMA_ASID 5
#define SBI_RFENCE_REMOTE_HFENCE_VVMA   6

#define SBI_EXT_HSM               0x48534D
#define SBI_HSM_HART_START        0
#define SBI_HSM_HART_STOP         1
#define SBI_HSM_HART_GET_STATUS   2
#define SBI_HSM_HART_SUSPEND      3
#define SBI_HSM_STATE_STARTED         0
#define SBI_HSM_STATE_STOPPED         1
#define SBI_HSM_STATE_START_PENDING   2
#define SBI_HSM_STATE_STOP_PENDING    3
#define SBI_HSM_STATE_SUSPENDED       4
#define SBI_HSM_STATE_SUSPEND_PENDING 5
#define SBI_HSM_STATE_RESUME_PENDING  6
#define SBI_HSM_SUSPEND_RET_DEFAULT     0x00000000u
#define SBI_HSM_SUSPEND_NON_RET_DEFAULT 0x80000000u

#define SBI_EXT_SRST              0x53525354
#define SBI_SRST_SYSTEM_RESET     0
#define SBI_SRST_TYPE_SHUTDOWN    0
#define SBI_SRST_TYPE_COLD_REBOOT 1
#define SBI_SRST_TYPE_WARM_REBOOT 2
#define SBI_SRST_REASON_NONE      0
#define SBI_SRST_REASON_SYSFAIL   1

#define SBI_EXT_DBCN              0x4442434E
#define SBI_DBCN_WRITE            0
#define SBI_DBCN_READ             1
#define SBI_DBCN_WRITE_BYTE       2

#define SBI_EXT_PMU               0x504D55

#define SBI_EXT_STA               0x535441
#define SBI_STA_SET_SHMEM         0
#define SBI_STA_SHMEM_SIZE        64

#define SBI_EXT_SUSP              0x53555350
#define SBI_SUSP_SYSTEM_SUSPEND   0
#define SBI_SUSP_SLEEP_TYPE_SUSPEND_TO_RAM 0u

#define SBI_EXT_FWFT              0x46574654
#define SBI_FWFT_SET              0
#define SBI_FWFT_GET              1
#define SBI_FWFT_MISALIGNED_EXC_DELEG  0x0u
#define SBI_FWFT_LANDING_PAD           0x1u
#define SBI_FWFT_SHADOW_STACK          0x2u
#define SBI_FWFT_DOUBLE_TRAP           0x3u
#define SBI_FWFT_PTE_AD_HW_UPDATING    0x4u
#define SBI_FWFT_POINTER_MASKING_PMLEN 0x5u
#define SBI_FWFT_LOCAL_PLATFORM_FIRST  0x40000000u
#define SBI_FWFT_GLOBAL_FIRST          0x80000000u
#define SBI_FWFT_SET_FLAG_LOCK         0x1u

#define SBI_EXT_SSE               0x535345
#define SBI_SSE_READ_ATTRS        0
#define SBI_SSE_WRITE_ATTRS       1
#define SBI_SSE_REGISTER          2
#define SBI_SSE_UNREGISTER        3
#define SBI_SSE_ENABLE            4
#define SBI_SSE_DISABLE           5
#define SBI_SSE_COMPLETE          6
#define SBI_SSE_INJECT            7
#define SBI_SSE_HART_UNMASK       8
#define SBI_SSE_HART_MASK         9
#define SBI_SSE_EVENT_LOCAL_HIGH_PRIO_RAS  0x00000000u
#define SBI_SSE_EVENT_LOCAL_DOUBLE_TRAP    0x00000001u
#define SBI_SSE_EVENT_GLOBAL_HIGH_PRIO_RAS 0x00008000u
#define SBI_SSE_EVENT_LOCAL_PMU_OVERFLOW   0x00010000u
#define SBI_SSE_EVENT_LOCAL_LOW_PRIO_RAS   0x00100000u
#define SBI_SSE_EVENT_GLOBAL_LOW_PRIO_RAS  0x00108000u
#define SBI_SSE_EVENT_LOCAL_SOFTWARE       0xffff0000u
#define SBI_SSE_EVENT_GLOBAL_SOFTWARE      0xffff8000u
#define SBI_SSE_EVENT_GLOBAL_BIT           0x00008000u
#define SBI_SSE_ATTR_STATUS            0
#define SBI_SSE_ATTR_PRIORITY          1
#define SBI_SSE_ATTR_CONFIG            2
#define SBI_SSE_ATTR_PREFERRED_HART    3
#define SBI_SSE_ATTR_ENTRY_PC          4
#define SBI_SSE_ATTR_ENTRY_ARG         5
#define SBI_SSE_ATTR_INTERRUPTED_SEPC  6
#define SBI_SSE_ATTR_INTERRUPTED_FLAGS 7
#define SBI_SSE_ATTR_INTERRUPTED_A6    8
#define SBI_SSE_ATTR_INTERRUPTED_A7    9
#define SBI_SSE_ATTR_COUNT             10
#define SBI_SSE_STATE_UNUSED           0
#define SBI_SSE_STATE_REGISTERED       1
#define SBI_SSE_STATE_ENABLED          2
#define SBI_SSE_STATE_RUNNING          3
#define SBI_SSE_STATUS_PENDING         (1u << 2)
#define SBI_SSE_STATUS_INJECT          (1u << 3)
#define SBI_SSE_CONFIG_ONESHOT         1u
#define SBI_SSE_IFLAGS_SSTATUS_SPP     (1u << 0)
#define SBI_SSE_IFLAGS_SSTATUS_SPIE    (1u << 1)
#define SBI_SSE_IFLAGS_HSTATUS_SPV     (1u << 2)
#define SBI_SSE_IFLAGS_HSTATUS_SPVP    (1u << 3)
#define SBI_SSE_IFLAGS_SSTATUS_SPELP   (1u << 4)
#define SBI_SSE_IFLAGS_SSTATUS_SDT     (1u << 5)
#define SBI_SSE_IFLAGS_ALL             0x3fu

#define SBI_EXT_DBTR              0x44425452
#define SBI_DBTR_NUM_TRIGGERS     0
#define SBI_DBTR_SET_SHMEM        1
#define SBI_DBTR_READ_TRIGGERS    2
#define SBI_DBTR_INSTALL_TRIGGERS 3
#define SBI_DBTR_UPDATE_TRIGGERS  4
#define SBI_DBTR_UNINSTALL_TRIGGERS 5
#define SBI_DBTR_ENABLE_TRIGGERS  6
#define SBI_DBTR_DISABLE_TRIGGERS 7

#ifndef __ASSEMBLER__
#include <stdint.h>
/* STA shared memory (SBI 2.0, 64 bytes, 64-byte aligned, little-endian) */
struct sbi_sta_shmem {
	uint32_t sequence;  /* odd while the hypervisor updates steal */
	uint32_t flags;     /* 0 */
	uint64_t steal;     /* ns runnable but not running */
	uint8_t preempted;  /* nonzero while descheduled though runnable */
	uint8_t pad[47];
};
_Static_assert(sizeof(struct sbi_sta_shmem) == SBI_STA_SHMEM_SIZE, "STA shmem size");
_Static_assert(__builtin_offsetof(struct sbi_sta_shmem, preempted) == 16, "STA preempted offset");
#endif

#endif
