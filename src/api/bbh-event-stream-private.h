/* bbh-event-stream-private.h — what BbhEventStream's loop is made of, apart from the loop
 *
 * The back-off schedule and the batch filter (watermark, seen set, repeats) are plain
 * functions over plain data, in bbh-event-filter.c, so that the stream's file holds only its
 * request loop and its GObject, and the tests can check the schedule without waiting for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh-event.h"

G_BEGIN_DECLS

/* Back-off while the server cannot be reached: 1 s doubling to 30 s, reset by a success. */
#define BBH_BACKOFF_FIRST_MS 1000
#define BBH_BACKOFF_MAX_MS   30000

/* The step after @previous_ms: BBH_BACKOFF_FIRST_MS after 0, then twice the last, at most
 * BBH_BACKOFF_MAX_MS. */
guint            bbh_backoff_next          (guint            previous_ms);
/* @delay_ms spread over ±20 % with @rand, never above BBH_BACKOFF_MAX_MS. */
guint            bbh_backoff_spread        (guint            delay_ms,
                                            GRand           *rand);

/* Which events of a batch are new. Holds the watermarks above the request watermark already
 * handled (a server may answer an event again on the next request) and each phone's last
 * (kind, status, cdrId), which the SDK drops when repeated. */
typedef struct _BbhEventFilter BbhEventFilter;

BbhEventFilter  *bbh_event_filter_new      (void);
void             bbh_event_filter_free     (BbhEventFilter  *filter);
/* Forgets everything: a new start. */
void             bbh_event_filter_reset    (BbhEventFilter  *filter);

/* (transfer full): the items of @items ordered by watermark; the order of those without one
 * is kept. */
GPtrArray       *bbh_event_filter_sort     (GListModel      *items);

/* The very first sync: nothing is new, everything is remembered. Returns the watermark the
 * next request starts from: the highest of @base, the events that carry a phone and
 * @server_watermark (-1 when the server gave none). */
gint64           bbh_event_filter_skip     (BbhEventFilter  *filter,
                                            GPtrArray       *sorted,
                                            gint64           base,
                                            gint64           server_watermark);

/* (transfer full): the events of @sorted not delivered yet, in order, marked as backlog when
 * @backlog. Events at or below @base, already seen or repeating their phone's last one are
 * dropped. @out_next gets the watermark the next request starts from. */
GPtrArray       *bbh_event_filter_select   (BbhEventFilter  *filter,
                                            GPtrArray       *sorted,
                                            gint64           base,
                                            gboolean         backlog,
                                            gint64          *out_next);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhEventFilter, bbh_event_filter_free)

G_END_DECLS
