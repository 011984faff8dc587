/* bbh-event-stream.h — the server's events as signals: long poll or polling, watermark, back-off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh-client.h"
#include "bbh-event.h"

G_BEGIN_DECLS

/**
 * BbhEventTransport:
 * @BBH_EVENT_TRANSPORT_AUTO: long-poll `getLongWaterLine`; fall back to polling `recvMsg` for
 *   good when the server does not know it
 * @BBH_EVENT_TRANSPORT_LONG_POLL: `getLongWaterLine` only
 * @BBH_EVENT_TRANSPORT_POLL: `recvMsg` every #BbhEventStream:poll-interval milliseconds
 */
typedef enum
{
  BBH_EVENT_TRANSPORT_AUTO,
  BBH_EVENT_TRANSPORT_LONG_POLL,
  BBH_EVENT_TRANSPORT_POLL,
} BbhEventTransport;

#define BBH_TYPE_EVENT_TRANSPORT (bbh_event_transport_get_type ())
GType bbh_event_transport_get_type (void) G_GNUC_CONST;

#define BBH_TYPE_EVENT_STREAM (bbh_event_stream_get_type ())

G_DECLARE_FINAL_TYPE (BbhEventStream, bbh_event_stream, BBH, EVENT_STREAM, GObject)

BbhEventStream    *bbh_event_stream_new                  (BbhClient         *client);
BbhClient         *bbh_event_stream_get_client           (BbhEventStream    *self);
void               bbh_event_stream_start                (BbhEventStream    *self);
void               bbh_event_stream_stop                 (BbhEventStream    *self);
void               bbh_event_stream_retry_now            (BbhEventStream    *self);
gboolean           bbh_event_stream_get_running          (BbhEventStream    *self);
gint64             bbh_event_stream_get_watermark        (BbhEventStream    *self);
void               bbh_event_stream_set_watermark        (BbhEventStream    *self,
                                                          gint64             watermark);
gboolean           bbh_event_stream_get_connected        (BbhEventStream    *self);
BbhEventTransport  bbh_event_stream_get_transport        (BbhEventStream    *self);
void               bbh_event_stream_set_transport        (BbhEventStream    *self,
                                                          BbhEventTransport  transport);
BbhEventTransport  bbh_event_stream_get_active_transport (BbhEventStream    *self);
guint              bbh_event_stream_get_poll_interval    (BbhEventStream    *self);
void               bbh_event_stream_set_poll_interval    (BbhEventStream    *self,
                                                          guint              interval_ms);
guint              bbh_event_stream_get_retry_in         (BbhEventStream    *self);
const char        *bbh_event_stream_get_login_line       (BbhEventStream    *self);
void               bbh_event_stream_set_login_line       (BbhEventStream    *self,
                                                          const char        *login_line);
gboolean           bbh_event_stream_get_jitter           (BbhEventStream    *self);
void               bbh_event_stream_set_jitter           (BbhEventStream    *self,
                                                          gboolean           jitter);
const GError      *bbh_event_stream_get_last_error       (BbhEventStream    *self);

G_END_DECLS
