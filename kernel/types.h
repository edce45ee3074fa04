/* kernel/types.h — fixed-width types and the few macros everything uses. */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;
typedef long     ssize_t;
typedef u64      phys_addr_t;

#define ARRAY_SIZE(a)     (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)    (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)  ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)  (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b)         ((a) < (b) ? (a) : (b))
#define MAX(a, b)         ((a) > (b) ? (a) : (b))
#define BIT(n)            (1UL << (n))
#define barrier()         asm volatile("" ::: "memory")	/* the compiler keeps order across it */

#define __noreturn        __attribute__((noreturn))
#define __noinline        __attribute__((noinline))
#define __packed          __attribute__((packed))
#define __aligned(n)      __attribute__((aligned(n)))
#define __section(s)      __attribute__((section(s)))
#define __used            __attribute__((used))
#define __maybe_unused    __attribute__((unused))	/* a lab's stub may stop calling it */
#define __printf(a, b)    __attribute__((format(printf, a, b)))
#define likely(x)         __builtin_expect(!!(x), 1)
#define unlikely(x)       __builtin_expect(!!(x), 0)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif
