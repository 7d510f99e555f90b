/**
 * Shared circuit groups across instances through Redis: {@link dev.circuitbreaker.redis.RedisGroupStore}, a
 * {@link dev.circuitbreaker.group.GroupStore} on Lettuce.
 *
 * <p>How it works, in short. Sliding windows stay local; only decisions are shared. A trip runs one Lua script that
 * stores "OPEN until now + wait" on Redis's clock under a new epoch and publishes it on the group's channel; peers
 * install an OPEN with the time left. When the wait is over, one instance wins the group's trial lease (SET NX PX)
 * and runs its trials; its verdict (close, or reopen with the backed-off wait) is fenced by the lease's epoch. Every
 * group reads its stored state every refresh interval and after every reconnect, which heals lost messages and a
 * Redis that lost its data (the epoch never goes back). Redis I/O and all bookkeeping run on the store's thread.
 */
package dev.circuitbreaker.redis;
