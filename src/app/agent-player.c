/* agent-player.c — plays one recording through GStreamer's playbin
 *
 * Everything runs on the main loop without ever waiting on the pipeline: state changes are
 * requested and their outcome arrives as bus messages (gst_bus_add_watch). Speed changes are
 * rate seeks; `scaletempo` as playbin's audio filter keeps the voices' pitch. The audio sink
 * comes from BABAIHU_AUDIOSINK when it is set (tests use fakesink, which is then made to run in
 * real time like a sound card).
 *
 * A recording URL may carry the account's password (the MP3 download URL): it is never logged
 * and never part of a message; errors are told in our own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-player"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "bbh.h"

#include "agent-player.h"
#include "agent-player-private.h"
#include "agent-trace.h"

#define TICK_MS          200
#define TRACE_PERIOD_US  G_USEC_PER_SEC

/* playbin's GstPlayFlags, which have no public header */
#define PLAY_FLAG_AUDIO       (1 << 1)
#define PLAY_FLAG_SOFT_VOLUME (1 << 4)

struct _AgentPlayer
{
  GObject           parent_instance;

  /* Owned */
  GstElement       *playbin;
  char             *uri;
  char             *cdr_id;
  char             *title;
  char             *error_message;
  guint             bus_watch;
  guint             tick_id;
  int               segment_rate_milli;  /* atomic: written by the streaming thread */

  AgentPlayerState  state;
  gint64            position_ms;
  gint64            duration_ms;
  gint64            pending_seek_ms;   /* -1: none; applied once the pipeline prerolled */
  gint64            last_trace_us;
  double            rate;
  double            volume;
  guint             want_playing : 1;
  guint             prerolled : 1;
  guint             pending_rate : 1;
  guint             buffering : 1;
};

G_DEFINE_FINAL_TYPE (AgentPlayer, agent_player, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (AgentPlayerState, agent_player_state,
  G_DEFINE_ENUM_VALUE (AGENT_PLAYER_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (AGENT_PLAYER_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (AGENT_PLAYER_STATE_PLAYING, "playing"),
  G_DEFINE_ENUM_VALUE (AGENT_PLAYER_STATE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (AGENT_PLAYER_STATE_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (AGENT_PLAYER_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_URI,
  PROP_CDR_ID,
  PROP_TITLE,
  PROP_POSITION,
  PROP_DURATION,
  PROP_RATE,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * agent_player_state_to_string:
 * @state: a state
 *
 * Returns: the state's name in the `playback-state` trace event (`loading`, `playing`, …)
 */
const char *
agent_player_state_to_string (AgentPlayerState state)
{
  switch (state)
    {
    case AGENT_PLAYER_STATE_IDLE:    return "idle";
    case AGENT_PLAYER_STATE_LOADING: return "loading";
    case AGENT_PLAYER_STATE_PLAYING: return "playing";
    case AGENT_PLAYER_STATE_PAUSED:  return "paused";
    case AGENT_PLAYER_STATE_ENDED:   return "ended";
    case AGENT_PLAYER_STATE_ERROR:   return "error";
    default:                         return "unknown";
    }
}

static void
write_trace (AgentPlayer *self)
{
  if (!agent_trace_enabled () || self->cdr_id == NULL || self->state == AGENT_PLAYER_STATE_IDLE)
    return;

  self->last_trace_us = g_get_monotonic_time ();
  if (self->state == AGENT_PLAYER_STATE_ERROR)
    agent_trace_write ("playback-state",
                       "cdrId", g_variant_new_string (self->cdr_id),
                       "state", g_variant_new_string (agent_player_state_to_string (self->state)),
                       "position_ms", g_variant_new_int64 (self->position_ms),
                       "reason", g_variant_new_string (self->error_message ? self->error_message : ""),
                       NULL);
  else
    agent_trace_write ("playback-state",
                       "cdrId", g_variant_new_string (self->cdr_id),
                       "state", g_variant_new_string (agent_player_state_to_string (self->state)),
                       "position_ms", g_variant_new_int64 (self->position_ms),
                       NULL);
}

static void
set_position (AgentPlayer *self,
              gint64       position_ms)
{
  position_ms = MAX (0, position_ms);
  if (self->duration_ms > 0)
    position_ms = MIN (position_ms, self->duration_ms);
  if (self->position_ms == position_ms)
    return;

  self->position_ms = position_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static void
set_duration (AgentPlayer *self,
              gint64       duration_ms)
{
  if (self->duration_ms == duration_ms)
    return;

  self->duration_ms = duration_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

static void
query_duration (AgentPlayer *self)
{
  gint64 duration;

  if (self->playbin != NULL &&
      gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration) && duration > 0)
    set_duration (self, duration / GST_MSECOND);
}

static void
query_position (AgentPlayer *self)
{
  gint64 position;

  if (self->playbin != NULL &&
      gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position) && position >= 0)
    set_position (self, position / GST_MSECOND);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  AgentPlayer *self = user_data;

  query_position (self);
  if (self->duration_ms <= 0)
    query_duration (self);

  if (g_get_monotonic_time () - self->last_trace_us >= TRACE_PERIOD_US)
    write_trace (self);

  return G_SOURCE_CONTINUE;
}

static void
set_state (AgentPlayer      *self,
           AgentPlayerState  state)
{
  if (self->state == state)
    return;

  self->state = state;

  if (state == AGENT_PLAYER_STATE_PLAYING)
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add (TICK_MS, on_tick_cb, self);
    }
  else
    g_clear_handle_id (&self->tick_id, g_source_remove);

  write_trace (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (AgentPlayer *self,
           const char  *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  self->want_playing = FALSE;
  if (self->playbin != NULL)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  set_state (self, AGENT_PLAYER_STATE_ERROR);
}

static void
do_seek (AgentPlayer *self,
         gint64       position_ms)
{
  gboolean ok;

  g_assert (self->playbin != NULL);

  ok = gst_element_seek (self->playbin, self->rate, GST_FORMAT_TIME,
                         GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                         GST_SEEK_TYPE_SET, MAX (0, position_ms) * GST_MSECOND,
                         GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE);
  if (!ok)
    g_debug ("Seeking to %" G_GINT64_FORMAT " ms at %.2f× failed", position_ms, self->rate);
  else
    set_position (self, position_ms);
}

static void
apply_pending (AgentPlayer *self)
{
  if (self->pending_seek_ms >= 0)
    {
      gint64 position = self->pending_seek_ms;

      self->pending_seek_ms = -1;
      self->pending_rate = FALSE;
      do_seek (self, position);
    }
  else if (self->pending_rate)
    {
      self->pending_rate = FALSE;
      do_seek (self, self->position_ms);
    }
}

static void
on_state_changed (AgentPlayer *self,
                  GstState     old_state,
                  GstState     new_state)
{
  if (self->state == AGENT_PLAYER_STATE_ERROR || self->state == AGENT_PLAYER_STATE_IDLE)
    return;

  if (new_state == GST_STATE_PAUSED && !self->prerolled)
    {
      self->prerolled = TRUE;
      query_duration (self);
      apply_pending (self);
    }

  if (new_state == GST_STATE_PLAYING && self->want_playing && !self->buffering)
    set_state (self, AGENT_PLAYER_STATE_PLAYING);
  else if (new_state == GST_STATE_PAUSED && !self->want_playing &&
           self->state != AGENT_PLAYER_STATE_ENDED)
    set_state (self, AGENT_PLAYER_STATE_PAUSED);
}

static gboolean
on_bus_message_cb (GstBus     *bus,
                   GstMessage *message,
                   gpointer    user_data)
{
  AgentPlayer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;
        g_autofree char *text = NULL;

        if (self->state == AGENT_PLAYER_STATE_ERROR)
          break;
        gst_message_parse_error (message, &error, &debug);
        if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
          {
            /* GStreamer's text names the URL, which may hold the password. */
            g_autofree char *safe = bbh_redact_uri (debug ? debug : "");

            g_debug ("Playback failed: %s (%s)", error->message, safe);
          }
        text = agent_player_describe_error (error, debug);
        set_error (self, text);
      }
      break;

    case GST_MESSAGE_EOS:
      self->want_playing = FALSE;
      if (self->duration_ms > 0)
        set_position (self, self->duration_ms);
      else
        query_position (self);
      set_state (self, AGENT_PLAYER_STATE_ENDED);
      break;

    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->playbin))
        {
          GstState old_state, new_state;

          gst_message_parse_state_changed (message, &old_state, &new_state, NULL);
          on_state_changed (self, old_state, new_state);
        }
      break;

    case GST_MESSAGE_ASYNC_DONE:
      query_duration (self);
      query_position (self);
      apply_pending (self);
      break;

    case GST_MESSAGE_DURATION_CHANGED:
      query_duration (self);
      break;

    case GST_MESSAGE_BUFFERING:
      {
        int percent;

        gst_message_parse_buffering (message, &percent);
        if (percent < 100 && !self->buffering && self->want_playing && self->prerolled)
          {
            self->buffering = TRUE;
            gst_element_set_state (self->playbin, GST_STATE_PAUSED);
          }
        else if (percent >= 100 && self->buffering)
          {
            self->buffering = FALSE;
            if (self->want_playing)
              gst_element_set_state (self->playbin, GST_STATE_PLAYING);
          }
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* The rate seek reaches the filter as the segment's rate; scaletempo turns it into an applied
 * rate downstream, so this is the one place that shows the speed the pipeline really plays at. */
static GstPadProbeReturn
on_filter_event_cb (GstPad          *pad,
                    GstPadProbeInfo *info,
                    gpointer         user_data)
{
  AgentPlayer *self = user_data;
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

  if (GST_EVENT_TYPE (event) == GST_EVENT_SEGMENT)
    {
      const GstSegment *segment;

      gst_event_parse_segment (event, &segment);
      g_atomic_int_set (&self->segment_rate_milli,
                        (int) (segment->rate * segment->applied_rate * 1000 + 0.5));
    }

  return GST_PAD_PROBE_OK;
}

static void
teardown_pipeline (AgentPlayer *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->playbin != NULL)
    {
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      gst_clear_object (&self->playbin);
    }
  self->prerolled = FALSE;
  self->buffering = FALSE;
  self->want_playing = FALSE;
  self->pending_seek_ms = -1;
  self->pending_rate = FALSE;
}

static void
agent_player_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AgentPlayer *self = AGENT_PLAYER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_CDR_ID:
      g_value_set_string (value, self->cdr_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_POSITION:
      g_value_set_int64 (value, self->position_ms);
      break;

    case PROP_DURATION:
      g_value_set_int64 (value, self->duration_ms);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_player_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AgentPlayer *self = AGENT_PLAYER (object);

  switch (prop_id)
    {
    case PROP_RATE:
      agent_player_set_rate (self, g_value_get_double (value));
      break;

    case PROP_VOLUME:
      agent_player_set_volume (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_player_dispose (GObject *object)
{
  AgentPlayer *self = AGENT_PLAYER (object);

  teardown_pipeline (self);

  G_OBJECT_CLASS (agent_player_parent_class)->dispose (object);
}

static void
agent_player_finalize (GObject *object)
{
  AgentPlayer *self = AGENT_PLAYER (object);

  g_free (self->uri);
  g_free (self->cdr_id);
  g_free (self->title);
  g_free (self->error_message);

  G_OBJECT_CLASS (agent_player_parent_class)->finalize (object);
}

static void
agent_player_class_init (AgentPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_player_get_property;
  object_class->set_property = agent_player_set_property;
  object_class->dispose = agent_player_dispose;
  object_class->finalize = agent_player_finalize;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AGENT_TYPE_PLAYER_STATE, AGENT_PLAYER_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CDR_ID] =
    g_param_spec_string ("cdr-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, AGENT_PLAYER_MIN_RATE, AGENT_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
agent_player_init (AgentPlayer *self)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  self->rate = 1.0;
  self->volume = 1.0;
  self->pending_seek_ms = -1;
}

AgentPlayer *
agent_player_new (void)
{
  return g_object_new (AGENT_TYPE_PLAYER, NULL);
}

/**
 * agent_player_open:
 * @self: a #AgentPlayer
 * @uri: (nullable): the recording's URL; %NULL when the call has none
 * @cdr_id: (nullable): the call record's id as text, for the `playback-state` trace
 * @title: (nullable): what to call the recording on screen
 *
 * Opens @uri and starts playing it: `loading`, then `playing` or `error`. The speed and the
 * volume stay as they were.
 */
void
agent_player_open (AgentPlayer *self,
                   const char  *uri,
                   const char  *cdr_id,
                   const char  *title)
{
  GstElement *sink;
  GstElement *filter;
  g_autoptr(GstBus) bus = NULL;
  gboolean continuing;

  g_return_if_fail (AGENT_IS_PLAYER (self));

  continuing = self->state == AGENT_PLAYER_STATE_LOADING && self->playbin == NULL &&
               g_strcmp0 (self->cdr_id, cdr_id) == 0;
  teardown_pipeline (self);

  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_free (self->cdr_id);
  self->cdr_id = g_strdup (cdr_id);
  g_free (self->title);
  self->title = g_strdup (title);
  g_clear_pointer (&self->error_message, g_free);
  self->position_ms = 0;
  self->duration_ms = 0;
  /* Still the call begin() announced: it is the same `loading`, not a second one. */
  if (!continuing)
    self->state = AGENT_PLAYER_STATE_IDLE;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CDR_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);

  set_state (self, AGENT_PLAYER_STATE_LOADING);

  if (uri == NULL || *uri == '\0')
    {
      set_error (self, _("This call has no recording."));
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      set_error (self, _("Recordings cannot be played: GStreamer’s playbin is missing (install gstreamer1.0-plugins-base)."));
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }
  gst_object_ref_sink (self->playbin);

  g_object_set (self->playbin,
                "uri", uri,
                "flags", PLAY_FLAG_AUDIO | PLAY_FLAG_SOFT_VOLUME,
                "volume", self->volume,
                NULL);

  sink = agent_player_make_audio_sink ();
  if (sink != NULL)
    g_object_set (self->playbin, "audio-sink", sink, NULL);

  filter = gst_element_factory_make ("scaletempo", NULL);
  g_atomic_int_set (&self->segment_rate_milli, 0);
  if (filter != NULL)
    {
      g_autoptr(GstPad) pad = gst_element_get_static_pad (filter, "sink");

      /* The probe dies with the pad; the pipeline is torn down before the player goes. */
      gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_filter_event_cb, self, NULL);
      g_object_set (self->playbin, "audio-filter", filter, NULL);
    }
  else
    g_debug ("scaletempo is missing: other speeds change the pitch");

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message_cb, self);

  self->want_playing = TRUE;
  self->pending_rate = self->rate != 1.0;
  if (gst_element_set_state (self->playbin, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE &&
      self->state != AGENT_PLAYER_STATE_ERROR)
    {
      /* An error message is usually on the bus and says more; this is the fallback. */
      set_error (self, _("The recording could not be opened."));
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_call (AgentPlayer *self,
          const char  *cdr_id,
          const char  *title)
{
  teardown_pipeline (self);

  g_clear_pointer (&self->uri, g_free);
  g_free (self->cdr_id);
  self->cdr_id = g_strdup (cdr_id);
  g_free (self->title);
  self->title = g_strdup (title);
  g_clear_pointer (&self->error_message, g_free);
  self->position_ms = 0;
  self->duration_ms = 0;
  self->state = AGENT_PLAYER_STATE_IDLE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CDR_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

/**
 * agent_player_begin:
 * @self: a #AgentPlayer
 * @cdr_id: (nullable): the call record's id as text
 * @title: (nullable): what to call it on screen
 *
 * Says `loading` for a call whose recording is still being looked up; agent_player_open()
 * with the same @cdr_id continues from there, agent_player_fail() says why it cannot.
 */
void
agent_player_begin (AgentPlayer *self,
                    const char  *cdr_id,
                    const char  *title)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_call (self, cdr_id, title);
  set_state (self, AGENT_PLAYER_STATE_LOADING);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * agent_player_fail:
 * @self: a #AgentPlayer
 * @cdr_id: (nullable): the call record's id as text
 * @title: (nullable): what to call it on screen
 * @message: why it cannot be played, in words
 *
 * Ends in `error` with @message without opening anything (no such call, logged out…).
 */
void
agent_player_fail (AgentPlayer *self,
                   const char  *cdr_id,
                   const char  *title,
                   const char  *message)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));
  g_return_if_fail (message != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != AGENT_PLAYER_STATE_LOADING || g_strcmp0 (self->cdr_id, cdr_id) != 0)
    {
      set_call (self, cdr_id, title);
      set_state (self, AGENT_PLAYER_STATE_LOADING);
    }
  set_error (self, message);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * agent_player_close:
 * @self: a #AgentPlayer
 *
 * Stops and forgets the recording.
 */
void
agent_player_close (AgentPlayer *self)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  teardown_pipeline (self);
  set_state (self, AGENT_PLAYER_STATE_IDLE);
}

/**
 * agent_player_play:
 * @self: a #AgentPlayer
 *
 * Plays; from the start when it had ended, anew when it had failed.
 */
void
agent_player_play (AgentPlayer *self)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  if (self->state == AGENT_PLAYER_STATE_IDLE)
    return;

  if (self->state == AGENT_PLAYER_STATE_ERROR || self->playbin == NULL)
    {
      g_autofree char *uri = g_strdup (self->uri);
      g_autofree char *cdr_id = g_strdup (self->cdr_id);
      g_autofree char *title = g_strdup (self->title);

      agent_player_open (self, uri, cdr_id, title);
      return;
    }

  if (self->state == AGENT_PLAYER_STATE_ENDED)
    {
      self->state = AGENT_PLAYER_STATE_PAUSED;
      do_seek (self, 0);
    }

  self->want_playing = TRUE;
  gst_element_set_state (self->playbin, GST_STATE_PLAYING);
}

/**
 * agent_player_pause:
 * @self: a #AgentPlayer
 */
void
agent_player_pause (AgentPlayer *self)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  if (self->playbin == NULL || self->state == AGENT_PLAYER_STATE_ERROR ||
      self->state == AGENT_PLAYER_STATE_ENDED)
    return;

  self->want_playing = FALSE;
  query_position (self);
  gst_element_set_state (self->playbin, GST_STATE_PAUSED);
  if (self->buffering || !self->prerolled)
    {
      /* No state change message will say so: it already is (or will preroll) paused. */
      self->buffering = FALSE;
      if (self->prerolled)
        set_state (self, AGENT_PLAYER_STATE_PAUSED);
    }
}

/**
 * agent_player_toggle:
 * @self: a #AgentPlayer
 *
 * Pauses when playing (or about to), plays otherwise.
 */
void
agent_player_toggle (AgentPlayer *self)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  if (self->state == AGENT_PLAYER_STATE_PLAYING ||
      (self->state == AGENT_PLAYER_STATE_LOADING && self->want_playing))
    agent_player_pause (self);
  else
    agent_player_play (self);
}

/**
 * agent_player_seek:
 * @self: a #AgentPlayer
 * @position_ms: where to go, in milliseconds from the start
 *
 * Seeks, keeping the speed. A recording that had ended is paused at @position_ms.
 */
void
agent_player_seek (AgentPlayer *self,
                   gint64       position_ms)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  if (self->playbin == NULL || self->state == AGENT_PLAYER_STATE_ERROR)
    return;

  position_ms = MAX (0, position_ms);
  if (self->duration_ms > 0)
    position_ms = MIN (position_ms, self->duration_ms);

  if (!self->prerolled)
    {
      self->pending_seek_ms = position_ms;
      set_position (self, position_ms);
      return;
    }

  if (self->state == AGENT_PLAYER_STATE_ENDED)
    {
      /* From the end the pipeline is still "playing": hold it paused at the new place. */
      self->want_playing = FALSE;
      gst_element_set_state (self->playbin, GST_STATE_PAUSED);
      set_state (self, AGENT_PLAYER_STATE_PAUSED);
    }

  do_seek (self, position_ms);
}

/**
 * agent_player_skip:
 * @self: a #AgentPlayer
 * @delta_ms: how far to jump, backwards when negative
 */
void
agent_player_skip (AgentPlayer *self,
                   gint64       delta_ms)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  query_position (self);
  agent_player_seek (self, self->position_ms + delta_ms);
}

AgentPlayerState
agent_player_get_state (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), AGENT_PLAYER_STATE_IDLE);

  return self->state;
}

/**
 * agent_player_get_error_message:
 * @self: a #AgentPlayer
 *
 * Returns: (nullable): why the recording cannot be played, in words, in the `error` state
 */
const char *
agent_player_get_error_message (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), NULL);

  return self->error_message;
}

/**
 * agent_player_get_uri:
 * @self: a #AgentPlayer
 *
 * Returns: (nullable): the open URL; it may hold the password — never show or log it
 */
const char *
agent_player_get_uri (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), NULL);

  return self->uri;
}

const char *
agent_player_get_cdr_id (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), NULL);

  return self->cdr_id;
}

const char *
agent_player_get_title (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), NULL);

  return self->title;
}

/**
 * agent_player_get_position:
 * @self: a #AgentPlayer
 *
 * Returns: the position in milliseconds, updated a few times a second while playing
 */
gint64
agent_player_get_position (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), 0);

  return self->position_ms;
}

/**
 * agent_player_get_duration:
 * @self: a #AgentPlayer
 *
 * Returns: the duration in milliseconds, 0 while unknown
 */
gint64
agent_player_get_duration (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), 0);

  return self->duration_ms;
}

double
agent_player_get_rate (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), 1.0);

  return self->rate;
}

/**
 * agent_player_set_rate:
 * @self: a #AgentPlayer
 * @rate: the speed, 0.5 to 2; the pitch stays
 */
void
agent_player_set_rate (AgentPlayer *self,
                       double       rate)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  rate = CLAMP (rate, AGENT_PLAYER_MIN_RATE, AGENT_PLAYER_MAX_RATE);
  if (G_APPROX_VALUE (self->rate, rate, 0.001))
    return;

  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);

  if (self->playbin == NULL || self->state == AGENT_PLAYER_STATE_ERROR)
    return;

  if (!self->prerolled)
    self->pending_rate = TRUE;
  else if (self->state != AGENT_PLAYER_STATE_ENDED)
    {
      query_position (self);
      do_seek (self, self->position_ms);
    }
}

double
agent_player_get_volume (AgentPlayer *self)
{
  g_return_val_if_fail (AGENT_IS_PLAYER (self), 1.0);

  return self->volume;
}

/**
 * agent_player_set_volume:
 * @self: a #AgentPlayer
 * @volume: 0 (silent) to 1
 */
void
agent_player_set_volume (AgentPlayer *self,
                         double       volume)
{
  g_return_if_fail (AGENT_IS_PLAYER (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (G_APPROX_VALUE (self->volume, volume, 0.0001))
    return;

  self->volume = volume;
  if (self->playbin != NULL)
    g_object_set (self->playbin, "volume", volume, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

/**
 * agent_player_query_segment_rate:
 * @self: a #AgentPlayer
 *
 * The speed of the pipeline's current segment, which is what a rate seek changes: as the
 * audio filter saw it, or else as the pipeline answers a segment query.
 *
 * Returns: the rate, or 0 when the pipeline cannot say (yet)
 */
double
agent_player_query_segment_rate (AgentPlayer *self)
{
  g_autoptr(GstQuery) query = NULL;
  int milli;
  double rate = 0;

  g_return_val_if_fail (AGENT_IS_PLAYER (self), 0);

  if (self->playbin == NULL)
    return 0;

  milli = g_atomic_int_get (&self->segment_rate_milli);
  if (milli > 0)
    return milli / 1000.0;

  query = gst_query_new_segment (GST_FORMAT_TIME);
  if (gst_element_query (self->playbin, query))
    gst_query_parse_segment (query, &rate, NULL, NULL, NULL);

  return rate;
}
