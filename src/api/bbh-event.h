/* bbh-event.h — one message from the server's event feed (recvMsg, getLongWaterLine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhEventKind:
 *
 * The `kind` of a message (sections 2.1.3 and 2.1.4 of the API document). The #BbhEvent:kind
 * property is a plain int: a server may send a kind this list does not know.
 */
typedef enum
{
  BBH_EVENT_KIND_UNKNOWN       = 0,
  BBH_EVENT_KIND_OUTGOING_CALL = 1,
  BBH_EVENT_KIND_INCOMING_CALL = 2,
  BBH_EVENT_KIND_SMS_SENT      = 3,
  BBH_EVENT_KIND_SMS_RECEIVED  = 4,
  BBH_EVENT_KIND_GPS           = 5,
  BBH_EVENT_KIND_ANSWERED      = 6,  /* a client answered */
  BBH_EVENT_KIND_HUNG_UP       = 7,  /* a client hung up */
} BbhEventKind;

/**
 * BbhCallStatus:
 *
 * The `status` inside a call message's content. Hang-up is 3 in the recvMsg section and 2 in
 * the sendMsg section and the vendor SDK: both mean hung up (see bbh_event_is_hangup()).
 */
typedef enum
{
  BBH_CALL_STATUS_UNKNOWN   = -1,
  BBH_CALL_STATUS_RINGING   = 0,
  BBH_CALL_STATUS_ANSWERED  = 1,
  BBH_CALL_STATUS_HUNG_UP   = 2,
  BBH_CALL_STATUS_HUNG_UP_3 = 3,
} BbhCallStatus;

#define BBH_TYPE_EVENT (bbh_event_get_type ())

G_DECLARE_FINAL_TYPE (BbhEvent, bbh_event, BBH, EVENT, GObject)

BbhEvent    *bbh_event_new               (int          kind,
                                          const char  *phone,
                                          const char  *content,
                                          gint64       time_ms,
                                          gint64       watermark);
int          bbh_event_get_kind          (BbhEvent    *self);
const char  *bbh_event_get_phone         (BbhEvent    *self);
const char  *bbh_event_get_content       (BbhEvent    *self);
const char  *bbh_event_get_content_value (BbhEvent    *self,
                                          const char  *key);
int          bbh_event_get_status        (BbhEvent    *self);
gint64       bbh_event_get_cdr_id        (BbhEvent    *self);
int          bbh_event_get_talk_seconds  (BbhEvent    *self);
gint64       bbh_event_get_time_ms       (BbhEvent    *self);
gint64       bbh_event_get_watermark     (BbhEvent    *self);
gboolean     bbh_event_get_backlog       (BbhEvent    *self);
gboolean     bbh_event_is_call           (BbhEvent    *self);
gboolean     bbh_event_is_ringing        (BbhEvent    *self);
gboolean     bbh_event_is_answered       (BbhEvent    *self);
gboolean     bbh_event_is_hangup         (BbhEvent    *self);

G_END_DECLS
