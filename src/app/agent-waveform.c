/* agent-waveform.c — the whole call's waveform, computed in the background and cached
 *
 * A separate pipeline (uridecodebin ! audioconvert ! audio/x-raw,format=S16LE,channels=1 !
 * fakesink) decodes the recording as fast as it can in a GTask thread; the streaming thread
 * keeps the loudest sample of every block of 64, and at the end the blocks are reduced to
 * about a thousand peaks, scaled to the loudest (0–255). Peaks are cached in
 * $XDG_CACHE_HOME/babaihu-agent/waveforms/, named by a hash of the recording's URL (without the
 * password), so a recording is decoded once.
 *
 * The widget draws the peaks as bars with GtkSnapshot, the played part in the accent colour,
 * and seeks where it is clicked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-waveform"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "bbh.h"

#include "agent-player.h"
#include "agent-waveform.h"

#define BLOCK_SAMPLES 64
#define BAR_WIDTH     2
#define BAR_SPACING   1

/* ---- computation ---- */

typedef struct
{
  GArray *blocks;     /* guint16: the loudest sample of each block */
  guint   in_block;
  guint16 block_max;
} Accumulator;

static void
on_handoff_cb (GstElement *sink,
               GstBuffer  *buffer,
               GstPad     *pad,
               gpointer    user_data)
{
  Accumulator *acc = user_data;
  GstMapInfo map;
  gsize n;

  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;

  /* The samples are S16LE (the caps), but a buffer need not start on an even address (a WAV
   * whose data follows a chunk of odd length): each is read byte by byte. */
  n = map.size / sizeof (gint16);
  for (gsize i = 0; i < n; i++)
    {
      int value = (gint16) (guint16) (map.data[2 * i] | (map.data[2 * i + 1] << 8));
      guint16 magnitude = (guint16) (value < 0 ? -value : value);

      if (magnitude > acc->block_max)
        acc->block_max = magnitude;
      if (++acc->in_block == BLOCK_SAMPLES)
        {
          g_array_append_val (acc->blocks, acc->block_max);
          acc->in_block = 0;
          acc->block_max = 0;
        }
    }

  gst_buffer_unmap (buffer, &map);
}

static void
on_pad_added_cb (GstElement *decodebin,
                 GstPad     *pad,
                 gpointer    user_data)
{
  GstElement *convert = user_data;
  g_autoptr(GstPad) sink_pad = gst_element_get_static_pad (convert, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *name;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  if (g_str_has_prefix (name, "audio/") && !gst_pad_is_linked (sink_pad))
    gst_pad_link (pad, sink_pad);
}

static GBytes *
reduce (GArray *blocks)
{
  guint n_blocks = blocks->len;
  guint n_peaks = MIN (AGENT_WAVEFORM_PEAKS, n_blocks);
  const guint16 *values = (const guint16 *) blocks->data;
  guint16 loudest = 1;
  guint8 *peaks = g_malloc (n_peaks);

  for (guint i = 0; i < n_blocks; i++)
    loudest = MAX (loudest, values[i]);

  for (guint i = 0; i < n_peaks; i++)
    {
      guint from = (guint) ((guint64) i * n_blocks / n_peaks);
      guint to = (guint) ((guint64) (i + 1) * n_blocks / n_peaks);
      guint16 max = 0;

      for (guint j = from; j < MAX (to, from + 1); j++)
        max = MAX (max, values[j]);
      peaks[i] = (guint8) ((guint) max * 255 / loudest);
    }

  return g_bytes_new_take (peaks, n_peaks);
}

static GBytes *
decode_peaks (const char    *uri,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstElement *decode, *convert, *filter, *sink;
  Accumulator acc = { 0 };
  GBytes *peaks = NULL;
  gboolean done = FALSE;

  decode = gst_element_factory_make ("uridecodebin", NULL);
  convert = gst_element_factory_make ("audioconvert", NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  sink = gst_element_factory_make ("fakesink", NULL);
  if (decode == NULL || convert == NULL || filter == NULL || sink == NULL)
    {
      g_clear_pointer (&decode, gst_object_unref);
      g_clear_pointer (&convert, gst_object_unref);
      g_clear_pointer (&filter, gst_object_unref);
      g_clear_pointer (&sink, gst_object_unref);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The waveform cannot be drawn: GStreamer’s base plug-ins are missing."));
      return NULL;
    }

  pipeline = gst_object_ref_sink (gst_pipeline_new ("waveform"));
  caps = gst_caps_from_string ("audio/x-raw,format=S16LE,channels=1");
  g_object_set (decode, "uri", uri, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "sync", FALSE, "signal-handoffs", TRUE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), decode, convert, filter, sink, NULL);
  gst_element_link_many (convert, filter, sink, NULL);

  acc.blocks = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added_cb), convert);
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff_cb), &acc);

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while (!done)
    {
      g_autoptr(GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      message = gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        continue;

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        {
          g_autoptr(GError) gst_error = NULL;
          g_autofree char *debug = NULL;

          g_autofree char *text = NULL;

          gst_message_parse_error (message, &gst_error, &debug);
          text = agent_player_describe_error (gst_error, debug);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, text);
          break;
        }
      done = TRUE;
    }

  /* The streaming thread stops before the accumulator goes. */
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (done)
    {
      if (acc.in_block > 0)
        g_array_append_val (acc.blocks, acc.block_max);
      if (acc.blocks->len == 0)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The recording holds no sound."));
      else
        peaks = reduce (acc.blocks);
    }

  g_array_unref (acc.blocks);
  return peaks;
}

/**
 * agent_waveform_dup_cache_path:
 * @uri: a recording's URL
 *
 * Returns: (transfer full): where the peaks of @uri are cached
 */
char *
agent_waveform_dup_cache_path (const char *uri)
{
  g_autofree char *redacted = bbh_redact_uri (uri);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, redacted, -1);
  g_autofree char *name = g_strconcat (hash, ".peaks", NULL);

  return g_build_filename (g_get_user_cache_dir (), "babaihu-agent", "waveforms", name, NULL);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *uri = task_data;
  g_autofree char *path = agent_waveform_dup_cache_path (uri);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *peaks;
  gsize length;

  if (g_file_get_contents (path, &contents, &length, NULL) && length > 0)
    {
      g_task_return_pointer (task, g_bytes_new_take (g_steal_pointer (&contents), length),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  peaks = decode_peaks (uri, cancellable, &error);
  if (peaks == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *dir = g_path_get_dirname (path);
    gsize n;
    gconstpointer data = g_bytes_get_data (peaks, &n);

    /* A cache that cannot be written only costs another decoding next time. */
    if (g_mkdir_with_parents (dir, 0700) != 0 ||
        !g_file_set_contents (path, data, n, &error))
      g_debug ("Could not cache the waveform: %s", error ? error->message : g_strerror (errno));
  }

  g_task_return_pointer (task, peaks, (GDestroyNotify) g_bytes_unref);
}

/**
 * agent_waveform_compute_async:
 * @uri: a recording's URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the peaks
 * @user_data: data for @callback
 *
 * Computes (or reads from the cache) about a thousand peaks of the recording, in a thread.
 */
void
agent_waveform_compute_async (const char          *uri,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (uri != NULL);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_waveform_compute_async);
  g_task_set_task_data (task, g_strdup (uri), g_free);
  g_task_run_in_thread (task, compute_thread);
}

/**
 * agent_waveform_compute_finish:
 * @result: the result
 * @error: return location for an error, in words
 *
 * Returns: (transfer full): the peaks, one byte each, 255 being the loudest
 */
GBytes *
agent_waveform_compute_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- widget ---- */

struct _AgentWaveform
{
  GtkWidget     parent_instance;

  /* Owned */
  GBytes       *peaks;
  char         *uri;
  GCancellable *cancellable;

  gint64        position_ms;
  gint64        duration_ms;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (AgentWaveform, agent_waveform, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PEAKS,
  PROP_LOADING,
  PROP_POSITION,
  PROP_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SEEK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_loading (AgentWaveform *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_computed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentWaveform) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) peaks = agent_waveform_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (peaks == NULL)
    {
      /* The player says what went wrong; the waveform just stays flat. */
      g_debug ("No waveform: %s", error->message);
      return;
    }
  agent_waveform_set_peaks (self, peaks);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               AgentWaveform   *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gint64 position;

  if (width <= 0 || self->duration_ms <= 0)
    return;

  position = (gint64) (CLAMP (x / width, 0.0, 1.0) * self->duration_ms);
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, position);
}

static void
agent_waveform_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AgentWaveform *self = AGENT_WAVEFORM (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color, played;
  const guint8 *peaks = NULL;
  gsize n_peaks = 0;
  double progress = 0;
  int n_bars;

  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  played = color;
  color.alpha *= 0.35f;
  /* Adwaita's accent blue; the played part reads as progress. */
  gdk_rgba_parse (&played, "#3584e4");

  if (self->peaks != NULL)
    peaks = g_bytes_get_data (self->peaks, &n_peaks);
  if (self->duration_ms > 0)
    progress = CLAMP ((double) self->position_ms / self->duration_ms, 0.0, 1.0);

  n_bars = MAX (1, width / (BAR_WIDTH + BAR_SPACING));
  for (int i = 0; i < n_bars; i++)
    {
      double level = 0;
      float bar_height;
      float x = (float) i * (BAR_WIDTH + BAR_SPACING);

      if (n_peaks > 0)
        {
          gsize from = (gsize) i * n_peaks / n_bars;
          gsize to = MAX (from + 1, (gsize) (i + 1) * n_peaks / n_bars);

          for (gsize j = from; j < to && j < n_peaks; j++)
            level = MAX (level, peaks[j] / 255.0);
        }

      bar_height = MAX (2.0f, (float) (level * height));
      gtk_snapshot_append_color (snapshot,
                                 (double) (x + BAR_WIDTH / 2.0) / width <= progress ? &played : &color,
                                 &GRAPHENE_RECT_INIT (x, (height - bar_height) / 2.0f,
                                                      BAR_WIDTH, bar_height));
    }
}

static void
agent_waveform_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 400;
    }
  else
    {
      *minimum = 24;
      *natural = 40;
    }
}

static void
agent_waveform_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AgentWaveform *self = AGENT_WAVEFORM (object);

  switch (prop_id)
    {
    case PROP_PEAKS:
      g_value_set_boxed (value, self->peaks);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_POSITION:
      g_value_set_int64 (value, self->position_ms);
      break;

    case PROP_DURATION:
      g_value_set_int64 (value, self->duration_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_waveform_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AgentWaveform *self = AGENT_WAVEFORM (object);

  switch (prop_id)
    {
    case PROP_PEAKS:
      agent_waveform_set_peaks (self, g_value_get_boxed (value));
      break;

    case PROP_POSITION:
      agent_waveform_set_position (self, g_value_get_int64 (value));
      break;

    case PROP_DURATION:
      agent_waveform_set_duration (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_waveform_dispose (GObject *object)
{
  AgentWaveform *self = AGENT_WAVEFORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->peaks, g_bytes_unref);

  G_OBJECT_CLASS (agent_waveform_parent_class)->dispose (object);
}

static void
agent_waveform_finalize (GObject *object)
{
  AgentWaveform *self = AGENT_WAVEFORM (object);

  g_free (self->uri);

  G_OBJECT_CLASS (agent_waveform_parent_class)->finalize (object);
}

static void
agent_waveform_class_init (AgentWaveformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = agent_waveform_get_property;
  object_class->set_property = agent_waveform_set_property;
  object_class->dispose = agent_waveform_dispose;
  object_class->finalize = agent_waveform_finalize;

  widget_class->snapshot = agent_waveform_snapshot;
  widget_class->measure = agent_waveform_measure;

  properties[PROP_PEAKS] =
    g_param_spec_boxed ("peaks", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentWaveform::seek:
   * @position: where the person clicked, in milliseconds
   */
  signals[SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "waveform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
agent_waveform_init (AgentWaveform *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Click to jump there"));
}

GtkWidget *
agent_waveform_new (void)
{
  return g_object_new (AGENT_TYPE_WAVEFORM, NULL);
}

/**
 * agent_waveform_set_uri:
 * @self: a #AgentWaveform
 * @uri: (nullable): the recording's URL
 *
 * Shows the waveform of @uri once it is computed (at once when cached).
 */
void
agent_waveform_set_uri (AgentWaveform *self,
                        const char    *uri)
{
  g_return_if_fail (AGENT_IS_WAVEFORM (self));

  if (g_strcmp0 (self->uri, uri) == 0)
    return;

  g_free (self->uri);
  self->uri = g_strdup (uri);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  agent_waveform_set_peaks (self, NULL);

  if (uri == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  agent_waveform_compute_async (uri, self->cancellable, on_computed_cb, g_object_ref (self));
}

/**
 * agent_waveform_get_peaks:
 * @self: a #AgentWaveform
 *
 * Returns: (transfer none) (nullable): the peaks shown
 */
GBytes *
agent_waveform_get_peaks (AgentWaveform *self)
{
  g_return_val_if_fail (AGENT_IS_WAVEFORM (self), NULL);

  return self->peaks;
}

void
agent_waveform_set_peaks (AgentWaveform *self,
                          GBytes        *peaks)
{
  g_return_if_fail (AGENT_IS_WAVEFORM (self));

  if (self->peaks == peaks)
    return;

  g_clear_pointer (&self->peaks, g_bytes_unref);
  if (peaks != NULL)
    self->peaks = g_bytes_ref (peaks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEAKS]);
}

gboolean
agent_waveform_get_loading (AgentWaveform *self)
{
  g_return_val_if_fail (AGENT_IS_WAVEFORM (self), FALSE);

  return self->loading;
}

gint64
agent_waveform_get_position (AgentWaveform *self)
{
  g_return_val_if_fail (AGENT_IS_WAVEFORM (self), 0);

  return self->position_ms;
}

void
agent_waveform_set_position (AgentWaveform *self,
                             gint64         position_ms)
{
  g_return_if_fail (AGENT_IS_WAVEFORM (self));

  if (self->position_ms == position_ms)
    return;

  self->position_ms = position_ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

gint64
agent_waveform_get_duration (AgentWaveform *self)
{
  g_return_val_if_fail (AGENT_IS_WAVEFORM (self), 0);

  return self->duration_ms;
}

void
agent_waveform_set_duration (AgentWaveform *self,
                             gint64         duration_ms)
{
  g_return_if_fail (AGENT_IS_WAVEFORM (self));

  if (self->duration_ms == duration_ms)
    return;

  self->duration_ms = duration_ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}
