/* sandbox-events.h — per-agent messages with a monotonic watermark, and long-poll waiters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sandbox-private.h"

G_BEGIN_DECLS

typedef struct _SandboxEvents SandboxEvents;
typedef struct _SandboxEventsWaiter SandboxEventsWaiter;

/* Called on the main loop when a message for the waiter's agent was appended. Return TRUE when
 * the waiter is done (it is then removed and freed), FALSE to keep waiting. */
typedef gboolean (*SandboxEventsWakeFunc) (gpointer user_data);

/* Creates the events table (sandbox_events) in @db's handle. */
SandboxEvents       *sandbox_events_new        (SandboxDb              *db,
                                                GError                **error);
void                 sandbox_events_free       (SandboxEvents          *events);

/* Stores a message and wakes the agent's waiters. @source_client is the client type that sent it
 * (1 PC, 2 mobile) or 0 for the server itself: a client never receives its own messages.
 * Returns the message's watermark (unix ms, strictly increasing per server). */
gint64               sandbox_events_append     (SandboxEvents          *events,
                                                gint64                  exte_id,
                                                int                     kind,
                                                const char             *phone,
                                                const char             *content,
                                                gint64                  time_ms,
                                                int                     source_client);

/* Messages for @exte_id visible to @client with a watermark above @after, oldest first, at most
 * @limit. *@out_last is the highest watermark returned, or @after when there is none. */
JsonArray           *sandbox_events_query      (SandboxEvents          *events,
                                                gint64                  exte_id,
                                                int                     client,
                                                gint64                  after,
                                                guint                   limit,
                                                gint64                 *out_last);
/* The newest watermark of the agent's messages, 0 if it has none. */
gint64               sandbox_events_get_latest (SandboxEvents          *events,
                                                gint64                  exte_id);

SandboxEventsWaiter *sandbox_events_watch      (SandboxEvents          *events,
                                                gint64                  exte_id,
                                                SandboxEventsWakeFunc   func,
                                                gpointer                user_data);
/* Removes a waiter that has not been woken (yet). */
void                 sandbox_events_unwatch    (SandboxEvents          *events,
                                                SandboxEventsWaiter    *waiter);
guint                sandbox_events_get_n_waiters (SandboxEvents       *events);

/* `content` of a call message in the document's JS-ish notation, `{status:0,cdrId:-1,talkTimes:0}`. */
char                *sandbox_events_call_content (int                   status,
                                                  gint64                cdr_id,
                                                  int                   talk_seconds);

G_END_DECLS
