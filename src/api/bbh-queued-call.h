/* bbh-queued-call.h — one incoming call waiting in the queue, as getChannelList lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_QUEUED_CALL (bbh_queued_call_get_type ())

G_DECLARE_FINAL_TYPE (BbhQueuedCall, bbh_queued_call, BBH, QUEUED_CALL, GObject)

gint64       bbh_queued_call_get_queue_id         (BbhQueuedCall *self);
const char  *bbh_queued_call_get_channel_name     (BbhQueuedCall *self);
const char  *bbh_queued_call_get_phone            (BbhQueuedCall *self);
const char  *bbh_queued_call_get_create_time_text (BbhQueuedCall *self);
gint64       bbh_queued_call_get_create_time_ms   (BbhQueuedCall *self);
GDateTime   *bbh_queued_call_get_create_time      (BbhQueuedCall *self);

G_END_DECLS
