/* Payload-only helpers beyond blk_env.h. */
#ifndef VIRTQ_HW_ENV_H
#define VIRTQ_HW_ENV_H
void env_shutdown(void) __attribute__((noreturn));
#endif
