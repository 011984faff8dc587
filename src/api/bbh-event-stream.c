/* bbh-event-stream.c
 *
 * Turns the server's message feed into signals (DESIGN.md "The protocol library", PROTOCOL.md
 * "Events"). One request is in flight at a time: a long poll of getLongWaterLine, or recvMsg
 * every poll-interval milliseconds when the server does not know the long poll. The first
 * sync from watermark 0 always pages through recvMsg, which answers at once: it skips what the
 * server holds and learns where "now" is.
 *
 * Two watermarks are kept. `request_watermark` is what the next request sends: it moves to
 * the end of a batch as soon as the batch is read, so the long poll is re-armed before any
 * event is emitted. The public `watermark` moves only as events are delivered, so a caller
 * that persists it on notify and stops (or dies) in the middle of a batch gets the rest of
 * the batch on the next start, as backlog. Neither ever moves backwards.
 *
 * What is new in a batch, and the back-off, are decided in bbh-event-filter.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-event-stream"

#include "config.h"

#include "bbh-client-events.h"
#include "bbh-error.h"
#include "bbh-event-stream.h"
#include "bbh-event-stream-private.h"

#define RECV_LIMIT           100
#define DEFAULT_POLL_MS      1000

struct _BbhEventStream
{
  GObject parent_instance;

  /* Owned */
  BbhClient         *client;
  GCancellable      *cancellable;       /* of the request in flight; NULL when none */
  char              *login_line;
  GError            *last_error;
  BbhEventFilter    *filter;            /* what was handled above request_watermark */
  GRand             *rand;

  gint64             watermark;
  gint64             request_watermark;
  BbhEventTransport  transport;
  BbhEventTransport  active;            /* AUTO until the long poll has answered or failed */
  guint              poll_interval;
  guint              retry_in;
  guint              backoff_ms;        /* the last back-off step, 0 while all is well */
  guint              timer_id;          /* the next fetch: poll interval or back-off */
  guint              tick_id;           /* counts retry-in down while disconnected */
  gint64             retry_deadline_us;
  guint              generation;        /* bumped by start and stop: stale answers are dropped */
  guint              serial;            /* bumped by each request: a cancelled one's answer is too */
  guint              running : 1;
  guint              connected : 1;
  guint              jitter : 1;
  guint              first_sync : 1;    /* started from watermark 0: skip what is there */
  guint              catching_up : 1;   /* started from a stored watermark: events are backlog */
  guint              long_poll_worked : 1;
  guint              probe : 1;         /* the next request is a recvMsg: retry_now() asked */
};

G_DEFINE_FINAL_TYPE (BbhEventStream, bbh_event_stream, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BbhEventTransport, bbh_event_transport,
                    G_DEFINE_ENUM_VALUE (BBH_EVENT_TRANSPORT_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (BBH_EVENT_TRANSPORT_LONG_POLL, "long-poll"),
                    G_DEFINE_ENUM_VALUE (BBH_EVENT_TRANSPORT_POLL, "poll"))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_WATERMARK,
  PROP_CONNECTED,
  PROP_RUNNING,
  PROP_TRANSPORT,
  PROP_ACTIVE_TRANSPORT,
  PROP_POLL_INTERVAL,
  PROP_RETRY_IN,
  PROP_LOGIN_LINE,
  PROP_JITTER,
  N_PROPS
};

enum {
  EVENT,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef          stream;
  guint             generation;
  guint             serial;
  BbhEventTransport transport;
  gint64            started_us;
} Fetch;

static void fetch (BbhEventStream *self);

static void
fetch_free (Fetch *f)
{
  g_weak_ref_clear (&f->stream);
  g_free (f);
}

static void
set_connected (BbhEventStream *self,
               gboolean        connected)
{
  connected = !!connected;
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
set_retry_in (BbhEventStream *self,
              guint           seconds)
{
  if (self->retry_in == seconds)
    return;
  self->retry_in = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_IN]);
}

static void
set_active (BbhEventStream    *self,
            BbhEventTransport  active)
{
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_TRANSPORT]);
}

/* The public watermark: forward only. */
static void
advance_watermark (BbhEventStream *self,
                   gint64          watermark)
{
  if (watermark <= self->watermark)
    return;
  self->watermark = watermark;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATERMARK]);
}

static void
clear_timers (BbhEventStream *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static gboolean
on_poll_timer_cb (gpointer user_data)
{
  BbhEventStream *self = user_data;

  self->timer_id = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  set_retry_in (self, 0);
  fetch (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick_cb (gpointer user_data)
{
  BbhEventStream *self = user_data;
  gint64 left_us = self->retry_deadline_us - g_get_monotonic_time ();

  set_retry_in (self, MAX (1, (guint) ((MAX (left_us, 0) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC)));
  return G_SOURCE_CONTINUE;
}

static void
schedule_fetch (BbhEventStream *self,
                guint           delay_ms)
{
  clear_timers (self);
  self->timer_id = g_timeout_add (delay_ms, on_poll_timer_cb, self);
}

/* Back-off: 1 s doubling to 30 s, reset by a success; with jitter the delay is spread over
 * ±20 %. */
static void
schedule_retry (BbhEventStream *self)
{
  guint delay_ms;

  self->backoff_ms = bbh_backoff_next (self->backoff_ms);
  delay_ms = self->backoff_ms;
  if (self->jitter)
    delay_ms = bbh_backoff_spread (delay_ms, self->rand);

  schedule_fetch (self, delay_ms);
  self->retry_deadline_us = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  self->tick_id = g_timeout_add (1000, on_tick_cb, self);
  set_retry_in (self, (delay_ms + 999) / 1000);
}

static void
set_last_error (BbhEventStream *self,
                const GError   *error)
{
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
}

static void
handle_failure (BbhEventStream    *self,
                BbhEventTransport  transport,
                const GError      *error)
{
  g_autoptr(BbhEventStream) hold = g_object_ref (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* For good: a server that lacks the long poll, or never answers it (a long poll follows a
   * recvMsg that was answered), will not grow it while we run. Only before the long poll has
   * ever answered, though — afterwards these are the ambiguous -3 (see
   * bbh_client_get_long_water_line_finish()) or an outage, and are retried. */
  if (transport != BBH_EVENT_TRANSPORT_POLL && self->transport == BBH_EVENT_TRANSPORT_AUTO
      && !self->long_poll_worked
      && (g_error_matches (error, BBH_ERROR, BBH_ERROR_UNSUPPORTED)
          || g_error_matches (error, BBH_ERROR, BBH_ERROR_TIMEOUT)))
    {
      g_debug ("getLongWaterLine not answered (%s); polling recvMsg every %u ms",
               error->message, self->poll_interval);
      set_active (self, BBH_EVENT_TRANSPORT_POLL);
      fetch (self);
      return;
    }

  set_last_error (self, error);

  /* Waiting does not fix a wrong password: stop and say so. */
  if (g_error_matches (error, BBH_ERROR, BBH_ERROR_AUTH))
    {
      bbh_event_stream_stop (self);
      g_signal_emit (self, signals[ERROR], 0, error);
      return;
    }

  g_debug ("fetching events failed: %s", error->message);
  set_connected (self, FALSE);
  schedule_retry (self);
  g_signal_emit (self, signals[ERROR], 0, error);
}

static void
rearm (BbhEventStream    *self,
       BbhEventTransport  transport,
       guint              n_answered,
       guint              n_fresh,
       gint64             elapsed_ms)
{
  /* A recvMsg that only confirmed the server is back (see fetch()) goes straight on to the
   * long poll. */
  if (transport == BBH_EVENT_TRANSPORT_POLL && self->active == BBH_EVENT_TRANSPORT_POLL)
    {
      /* A full page: there is more, fetch it now. */
      if (n_answered >= RECV_LIMIT)
        fetch (self);
      else
        schedule_fetch (self, self->poll_interval);
      return;
    }

  /* A long poll that comes straight back with nothing new is a server that does not hold:
   * wait as a poll would rather than spin. */
  if (n_fresh == 0 && elapsed_ms < self->poll_interval)
    schedule_fetch (self, self->poll_interval);
  else
    fetch (self);
}

static void
handle_batch (BbhEventStream    *self,
              BbhEventTransport  transport,
              GListModel        *items,
              gint64             server_watermark,
              gint64             elapsed_ms)
{
  g_autoptr(BbhEventStream) hold = g_object_ref (self);
  g_autoptr(GPtrArray) all = bbh_event_filter_sort (items);
  g_autoptr(GPtrArray) fresh = NULL;
  guint n = all->len;
  guint generation = self->generation;
  gint64 next;
  gboolean backlog = self->catching_up;

  self->backoff_ms = 0;
  set_last_error (self, NULL);
  clear_timers (self);
  set_retry_in (self, 0);

  if (transport != BBH_EVENT_TRANSPORT_POLL)
    {
      self->long_poll_worked = TRUE;
      set_active (self, BBH_EVENT_TRANSPORT_LONG_POLL);
    }

  if (self->first_sync)
    {
      /* A full page: the server may hold more (some servers' watermark is the page's end). */
      gboolean more = n >= RECV_LIMIT;

      /* The SDK skips what is already there on its very first sync; it would pop calls that
       * ended long ago. What lies above the new watermark is remembered, not shown. */
      next = bbh_event_filter_skip (self->filter, all, self->request_watermark, server_watermark);
      self->first_sync = more;
      self->request_watermark = next;

      /* Straight on to the next page, or to the long poll; a poll waits its interval. */
      if (more || self->active != BBH_EVENT_TRANSPORT_POLL)
        fetch (self);
      else
        schedule_fetch (self, self->poll_interval);
      set_connected (self, TRUE);
      if (generation == self->generation)
        advance_watermark (self, next);
      return;
    }

  fresh = bbh_event_filter_select (self->filter, all, self->request_watermark, backlog, &next);
  self->request_watermark = next;
  self->catching_up = backlog && n >= RECV_LIMIT;

  /* Re-arm first: a handler that takes its time must not delay the next call's pop-up. */
  rearm (self, transport, n, fresh->len, elapsed_ms);
  set_connected (self, TRUE);

  for (guint i = 0; i < fresh->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (fresh, i);

      /* Stopped from a handler: the rest comes again, as backlog, after the next start. */
      if (generation != self->generation)
        return;
      g_signal_emit (self, signals[EVENT], 0, event);
      /* Delivered, even if a handler stopped the stream. */
      if (*bbh_event_get_phone (event) != '\0')
        advance_watermark (self, bbh_event_get_watermark (event));
    }

  if (generation == self->generation)
    advance_watermark (self, next);
}

static void
on_fetch_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fetch *f = user_data;
  g_autoptr(BbhEventStream) self = g_weak_ref_get (&f->stream);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  BbhEventTransport transport = f->transport;
  gint64 watermark = -1;
  gint64 elapsed_ms = (g_get_monotonic_time () - f->started_us) / 1000;
  gboolean stale;

  if (transport == BBH_EVENT_TRANSPORT_POLL)
    items = bbh_client_recv_msg_finish (BBH_CLIENT (object), result, &watermark, &error);
  else
    items = bbh_client_get_long_water_line_finish (BBH_CLIENT (object), result, &watermark, &error);

  stale = self == NULL || f->generation != self->generation || f->serial != self->serial;
  fetch_free (f);
  if (stale)
    return;

  g_clear_object (&self->cancellable);

  if (items == NULL)
    handle_failure (self, transport, error);
  else
    handle_batch (self, transport, items, watermark, elapsed_ms);
}

static void
fetch (BbhEventStream *self)
{
  Fetch *f;

  g_assert (self->running);
  g_assert (self->cancellable == NULL);

  clear_timers (self);
  self->cancellable = g_cancellable_new ();

  f = g_new0 (Fetch, 1);
  g_weak_ref_init (&f->stream, self);
  f->generation = self->generation;
  f->serial = ++self->serial;
  /* The first sync is always recvMsg: it answers at once, where a long poll from watermark 0
   * may be held until the next call, which would then be skipped as backlog. So is the
   * catch-up from a stored watermark (a held long poll's call would be taken for backlog and
   * never pop up), and the first request after a failure: a long poll the server holds would
   * leave the agent told "not connected" for up to its hold time (25–35 s) after the server
   * is back. */
  f->transport = self->first_sync || self->catching_up || self->backoff_ms > 0 || self->probe
                 || self->active == BBH_EVENT_TRANSPORT_POLL
                 ? BBH_EVENT_TRANSPORT_POLL : BBH_EVENT_TRANSPORT_LONG_POLL;
  self->probe = FALSE;
  f->started_us = g_get_monotonic_time ();

  if (f->transport == BBH_EVENT_TRANSPORT_POLL)
    bbh_client_recv_msg_async (self->client, self->request_watermark, RECV_LIMIT,
                               self->cancellable, on_fetch_cb, f);
  else
    bbh_client_get_long_water_line_async (self->client, self->request_watermark, self->login_line,
                                          self->cancellable, on_fetch_cb, f);
}

static void
bbh_event_stream_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BbhEventStream *self = BBH_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_WATERMARK:
      g_value_set_int64 (value, self->watermark);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_TRANSPORT:
      g_value_set_enum (value, self->transport);
      break;
    case PROP_ACTIVE_TRANSPORT:
      g_value_set_enum (value, self->active);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;
    case PROP_RETRY_IN:
      g_value_set_uint (value, self->retry_in);
      break;
    case PROP_LOGIN_LINE:
      g_value_set_string (value, self->login_line);
      break;
    case PROP_JITTER:
      g_value_set_boolean (value, self->jitter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_event_stream_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BbhEventStream *self = BBH_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_WATERMARK:
      bbh_event_stream_set_watermark (self, g_value_get_int64 (value));
      break;
    case PROP_TRANSPORT:
      bbh_event_stream_set_transport (self, g_value_get_enum (value));
      break;
    case PROP_POLL_INTERVAL:
      bbh_event_stream_set_poll_interval (self, g_value_get_uint (value));
      break;
    case PROP_LOGIN_LINE:
      bbh_event_stream_set_login_line (self, g_value_get_string (value));
      break;
    case PROP_JITTER:
      bbh_event_stream_set_jitter (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_event_stream_dispose (GObject *object)
{
  BbhEventStream *self = BBH_EVENT_STREAM (object);

  self->running = FALSE;
  self->generation++;
  clear_timers (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (bbh_event_stream_parent_class)->dispose (object);
}

static void
bbh_event_stream_finalize (GObject *object)
{
  BbhEventStream *self = BBH_EVENT_STREAM (object);

  g_free (self->login_line);
  g_clear_error (&self->last_error);
  bbh_event_filter_free (self->filter);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (bbh_event_stream_parent_class)->finalize (object);
}

static void
bbh_event_stream_class_init (BbhEventStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_event_stream_get_property;
  object_class->set_property = bbh_event_stream_set_property;
  object_class->dispose = bbh_event_stream_dispose;
  object_class->finalize = bbh_event_stream_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BBH_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:watermark:
   *
   * The watermark of the last event delivered. Persist it on notify and set it before
   * bbh_event_stream_start() on the next run: what arrived in between is then delivered with
   * #BbhEvent:backlog set. 0 (the default) skips whatever the server holds. While running it
   * only moves forward; setting a lower value is ignored.
   */
  properties[PROP_WATERMARK] =
    g_param_spec_int64 ("watermark", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:connected:
   *
   * %TRUE since the last request succeeded; %FALSE while the server cannot be reached, and
   * while stopped.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSPORT] =
    g_param_spec_enum ("transport", NULL, NULL, BBH_TYPE_EVENT_TRANSPORT, BBH_EVENT_TRANSPORT_AUTO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:active-transport:
   *
   * What is in use: %BBH_EVENT_TRANSPORT_LONG_POLL or %BBH_EVENT_TRANSPORT_POLL, or
   * %BBH_EVENT_TRANSPORT_AUTO while the first long poll has not answered.
   */
  properties[PROP_ACTIVE_TRANSPORT] =
    g_param_spec_enum ("active-transport", NULL, NULL, BBH_TYPE_EVENT_TRANSPORT,
                       BBH_EVENT_TRANSPORT_AUTO,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:poll-interval:
   *
   * Milliseconds between two recvMsg polls (and the least time between two long polls that
   * came straight back empty).
   */
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 600000, DEFAULT_POLL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:retry-in:
   *
   * While disconnected, the seconds until the next try (counts down); 0 otherwise. For a
   * "Not connected — retrying in N s" bar with a Retry button (bbh_event_stream_retry_now()).
   */
  properties[PROP_RETRY_IN] =
    g_param_spec_uint ("retry-in", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:login-line:
   *
   * The `loginLine` getExtension answered, sent with the long poll.
   */
  properties[PROP_LOGIN_LINE] =
    g_param_spec_string ("login-line", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEventStream:jitter:
   *
   * Spread back-off delays by ±20 %. On by default; tests turn it off.
   */
  properties[PROP_JITTER] =
    g_param_spec_boolean ("jitter", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BbhEventStream::event:
   * @event: the #BbhEvent
   *
   * A new message, once: duplicates are dropped. Emitted after the next request is on its way.
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BBH_TYPE_EVENT);

  /**
   * BbhEventStream::error:
   * @error: what went wrong, in words
   *
   * A request failed. For a transient failure the stream retries by itself (see
   * #BbhEventStream:retry-in); for %BBH_ERROR_AUTH it has stopped.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bbh_event_stream_init (BbhEventStream *self)
{
  self->filter = bbh_event_filter_new ();
  self->rand = g_rand_new ();
  self->poll_interval = DEFAULT_POLL_MS;
  self->jitter = TRUE;
  self->transport = BBH_EVENT_TRANSPORT_AUTO;
  self->active = BBH_EVENT_TRANSPORT_AUTO;
}

/**
 * bbh_event_stream_new:
 * @client: the logged-in client
 *
 * Returns: (transfer full): a stopped stream; set #BbhEventStream:watermark and call
 *   bbh_event_stream_start().
 */
BbhEventStream *
bbh_event_stream_new (BbhClient *client)
{
  g_return_val_if_fail (BBH_IS_CLIENT (client), NULL);

  return g_object_new (BBH_TYPE_EVENT_STREAM, "client", client, NULL);
}

/**
 * bbh_event_stream_get_client:
 *
 * Returns: (transfer none): the client
 */
BbhClient *
bbh_event_stream_get_client (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), NULL);
  return self->client;
}

/**
 * bbh_event_stream_start:
 *
 * Starts fetching at once. Does nothing when already running.
 */
void
bbh_event_stream_start (BbhEventStream *self)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->generation++;
  self->backoff_ms = 0;
  self->request_watermark = self->watermark;
  self->first_sync = self->watermark == 0;
  self->catching_up = self->watermark > 0;
  bbh_event_filter_reset (self->filter);

  if (self->transport == BBH_EVENT_TRANSPORT_POLL)
    set_active (self, BBH_EVENT_TRANSPORT_POLL);
  else if (self->transport == BBH_EVENT_TRANSPORT_LONG_POLL)
    set_active (self, BBH_EVENT_TRANSPORT_LONG_POLL);
  /* AUTO keeps what it learnt on an earlier start: a server does not grow the long poll. */

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  fetch (self);
}

/**
 * bbh_event_stream_stop:
 *
 * Cancels the request in flight and every timer; no signal is emitted after this returns.
 */
void
bbh_event_stream_stop (BbhEventStream *self)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));

  if (!self->running)
    return;

  self->running = FALSE;
  self->generation++;
  self->backoff_ms = 0;
  clear_timers (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  set_retry_in (self, 0);
  set_connected (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bbh_event_stream_retry_now:
 *
 * Skips the wait and fetches at once. A request in flight is given up first: after a sleep
 * or a network change a long poll may be held on a connection that died with it, and would
 * keep the stream deaf until the client's timeout. The new request is a recvMsg from the
 * same watermark, which answers at once with whatever came meanwhile; the given-up request's
 * answer, should it still come, is dropped, so nothing is lost and nothing comes twice.
 */
void
bbh_event_stream_retry_now (BbhEventStream *self)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));

  if (!self->running)
    return;

  if (self->cancellable != NULL)
    {
      g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->cancellable);

      g_debug ("retrying now: giving up the request in flight");
      /* Its callback sees another serial and drops whatever it got. */
      self->serial++;
      self->probe = TRUE;
      g_cancellable_cancel (cancellable);
    }

  clear_timers (self);
  set_retry_in (self, 0);
  fetch (self);
}

gboolean
bbh_event_stream_get_running (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), FALSE);
  return self->running;
}

gint64
bbh_event_stream_get_watermark (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), 0);
  return self->watermark;
}

/**
 * bbh_event_stream_set_watermark:
 * @watermark: the stored watermark, 0 for none
 *
 * While stopped any value is taken (it is the caller's stored one); while running only a
 * higher one, from which the next request starts.
 */
void
bbh_event_stream_set_watermark (BbhEventStream *self,
                                gint64          watermark)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));
  g_return_if_fail (watermark >= 0);

  if (self->watermark == watermark)
    return;
  if (self->running && watermark < self->watermark)
    return;

  self->watermark = watermark;
  if (self->running)
    self->request_watermark = MAX (self->request_watermark, watermark);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATERMARK]);
}

gboolean
bbh_event_stream_get_connected (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), FALSE);
  return self->connected;
}

BbhEventTransport
bbh_event_stream_get_transport (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), BBH_EVENT_TRANSPORT_AUTO);
  return self->transport;
}

/**
 * bbh_event_stream_set_transport:
 *
 * A running stream restarts with the new transport.
 */
void
bbh_event_stream_set_transport (BbhEventStream    *self,
                                BbhEventTransport  transport)
{
  gboolean was_running;

  g_return_if_fail (BBH_IS_EVENT_STREAM (self));
  g_return_if_fail (transport <= BBH_EVENT_TRANSPORT_POLL);

  if (self->transport == transport)
    return;

  was_running = self->running;
  bbh_event_stream_stop (self);
  self->transport = transport;
  self->long_poll_worked = FALSE;
  set_active (self, BBH_EVENT_TRANSPORT_AUTO);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);
  if (was_running)
    bbh_event_stream_start (self);
}

BbhEventTransport
bbh_event_stream_get_active_transport (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), BBH_EVENT_TRANSPORT_AUTO);
  return self->active;
}

guint
bbh_event_stream_get_poll_interval (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), 0);
  return self->poll_interval;
}

/**
 * bbh_event_stream_set_poll_interval:
 * @interval_ms: milliseconds, at least 10
 *
 * Takes effect from the next wait.
 */
void
bbh_event_stream_set_poll_interval (BbhEventStream *self,
                                    guint           interval_ms)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));

  interval_ms = CLAMP (interval_ms, 10, 600000);
  if (self->poll_interval == interval_ms)
    return;
  self->poll_interval = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

guint
bbh_event_stream_get_retry_in (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), 0);
  return self->retry_in;
}

const char *
bbh_event_stream_get_login_line (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), NULL);
  return self->login_line;
}

void
bbh_event_stream_set_login_line (BbhEventStream *self,
                                 const char     *login_line)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));

  if (g_strcmp0 (self->login_line, login_line) == 0)
    return;
  g_free (self->login_line);
  self->login_line = g_strdup (login_line);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN_LINE]);
}

gboolean
bbh_event_stream_get_jitter (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), FALSE);
  return self->jitter;
}

void
bbh_event_stream_set_jitter (BbhEventStream *self,
                             gboolean        jitter)
{
  g_return_if_fail (BBH_IS_EVENT_STREAM (self));

  jitter = !!jitter;
  if (self->jitter == jitter)
    return;
  self->jitter = jitter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JITTER]);
}

/**
 * bbh_event_stream_get_last_error:
 *
 * Returns: (transfer none) (nullable): why the last request failed; %NULL after a success
 */
const GError *
bbh_event_stream_get_last_error (BbhEventStream *self)
{
  g_return_val_if_fail (BBH_IS_EVENT_STREAM (self), NULL);
  return self->last_error;
}
