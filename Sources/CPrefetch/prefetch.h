#ifndef DYNAMO_LAB_PREFETCH_H
#define DYNAMO_LAB_PREFETCH_H

/// Asks the processor to start loading the cache line holding `address`, without waiting for it.
static inline void dynamo_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
