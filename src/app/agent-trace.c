/* agent-trace.c — JSON-lines trace of what the application did (BABAIHU_TRACE=FILE)
 *
 * Benchmarks and tests read this file to time what a person would see: when the window was
 * painted, when an event arrived, when the pop-up was painted. The caller only takes the time
 * and hands over an immutable GVariant; a writer thread turns it into JSON and appends it, so
 * the main loop never waits on the disk. When BABAIHU_TRACE is unset every entry point returns
 * after one load.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-trace"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "bbh.h"

#include "agent-trace.h"

typedef struct
{
  double    ts_ms;
  char     *event;
  GVariant *fields;   /* a{sv} */
} Entry;

typedef struct
{
  GWeakRef  widget;
  char     *event;
  GVariant *fields;
  GdkFrameClock *clock;
  gulong    handler;
} PendingPaint;

static int          trace_fd = -1;
static gboolean     trace_on;
static GAsyncQueue *queue;
static GMutex       progress_lock;
static GCond        progress_cond;
static guint64      n_pushed;
static guint64      n_written;
static GList       *pending_paints;   /* main thread only */
static gulong       render_hook_id;

static void
entry_free (Entry *entry)
{
  g_free (entry->event);
  g_clear_pointer (&entry->fields, g_variant_unref);
  g_free (entry);
}

static char *
entry_to_line (Entry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GVariantIter iter;
  const char *name;
  GVariant *value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ts_ms");
  json_builder_add_double_value (builder, entry->ts_ms);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, entry->event);

  g_variant_iter_init (&iter, entry->fields);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, json_gvariant_serialize (value));
      g_variant_unref (value);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
write_all (const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (trace_fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return;
        }
      data += n;
      len -= n;
    }
}

static gpointer
writer_thread (gpointer data)
{
  for (;;)
    {
      Entry *entry = g_async_queue_pop (queue);
      g_autofree char *json = entry_to_line (entry);
      g_autofree char *line = g_strconcat (json, "\n", NULL);

      /* One write() per line: O_APPEND keeps lines whole even with several writers. */
      write_all (line, strlen (line));
      entry_free (entry);

      g_mutex_lock (&progress_lock);
      n_written++;
      g_cond_broadcast (&progress_cond);
      g_mutex_unlock (&progress_lock);
    }

  return NULL;
}

static gpointer
trace_init (gpointer data)
{
  const char *path = g_getenv ("BABAIHU_TRACE");

  if (path == NULL || *path == '\0')
    return GINT_TO_POINTER (FALSE);

  trace_fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (trace_fd < 0)
    {
      g_warning ("Cannot open the trace file %s: %s", path, g_strerror (errno));
      return GINT_TO_POINTER (FALSE);
    }

  queue = g_async_queue_new ();
  g_thread_unref (g_thread_new ("agent-trace", writer_thread, NULL));
  return GINT_TO_POINTER (TRUE);
}

/**
 * agent_trace_enabled:
 *
 * Returns: whether BABAIHU_TRACE names a file the trace is written to
 */
gboolean
agent_trace_enabled (void)
{
  static GOnce once = G_ONCE_INIT;

  if G_LIKELY (once.status == G_ONCE_STATUS_READY)
    return trace_on;

  g_once (&once, trace_init, NULL);
  trace_on = GPOINTER_TO_INT (once.retval);
  return trace_on;
}

/**
 * agent_trace_now_ms:
 *
 * Returns: the wall clock in Unix milliseconds, with the microseconds as the fraction
 */
double
agent_trace_now_ms (void)
{
  return g_get_real_time () / 1000.0;
}

/* Tracing is off: the caller's floating values are dropped without building anything. */
static void
drop_fields (const char *first_field,
             va_list     args)
{
  for (const char *name = first_field; name != NULL; name = va_arg (args, const char *))
    g_variant_unref (g_variant_ref_sink (va_arg (args, GVariant *)));
}

static GVariant *
collect_fields (const char *first_field,
                va_list     args)
{
  GVariantBuilder builder;
  const char *name;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (name = first_field; name != NULL; name = va_arg (args, const char *))
    {
      GVariant *value = va_arg (args, GVariant *);

      g_variant_builder_add (&builder, "{sv}", name, value);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * agent_trace_write_at:
 * @ts_ms: when it happened, from agent_trace_now_ms()
 * @event: the event name
 * @fields: (transfer none): an `a{sv}` of further fields
 *
 * Queues one line for the writer thread.
 */
void
agent_trace_write_at (double      ts_ms,
                      const char *event,
                      GVariant   *fields)
{
  Entry *entry;

  g_return_if_fail (event != NULL);

  if (!agent_trace_enabled ())
    return;

  entry = g_new0 (Entry, 1);
  entry->ts_ms = ts_ms;
  entry->event = g_strdup (event);
  entry->fields = fields != NULL ? g_variant_ref_sink (fields)
                                 : g_variant_ref_sink (g_variant_new ("a{sv}", NULL));

  g_mutex_lock (&progress_lock);
  n_pushed++;
  g_mutex_unlock (&progress_lock);
  g_async_queue_push (queue, entry);
}

/**
 * agent_trace_write:
 * @event: the event name
 * @first_field: (nullable): the first field name, followed by its floating #GVariant value,
 *   more name/value pairs, and %NULL
 *
 * Writes `{"ts_ms": now, "event": event, …fields}`. Prefer the AGENT_TRACE() macro, which
 * does not build the values when tracing is off.
 */
void
agent_trace_write (const char *event,
                   const char *first_field,
                   ...)
{
  double ts_ms = agent_trace_now_ms ();
  g_autoptr(GVariant) fields = NULL;
  va_list args;

  va_start (args, first_field);
  if (!agent_trace_enabled ())
    {
      drop_fields (first_field, args);
      va_end (args);
      return;
    }
  fields = collect_fields (first_field, args);
  va_end (args);

  agent_trace_write_at (ts_ms, event, fields);
}

/**
 * agent_trace_flush:
 *
 * Waits (at most two seconds) until every line queued so far is in the file. For quit and
 * for tests; never needed on the way to a paint.
 */
void
agent_trace_flush (void)
{
  gint64 deadline;
  guint64 target;

  if (!agent_trace_enabled ())
    return;

  deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  g_mutex_lock (&progress_lock);
  target = n_pushed;
  while (n_written < target)
    if (!g_cond_wait_until (&progress_cond, &progress_lock, deadline))
      break;
  g_mutex_unlock (&progress_lock);
}

static void
pending_paint_free (PendingPaint *pending)
{
  /* A clock whose surface went has dropped its handlers already. */
  if (pending->handler != 0 && pending->clock != NULL &&
      g_signal_handler_is_connected (pending->clock, pending->handler))
    g_signal_handler_disconnect (pending->clock, pending->handler);
  g_clear_object (&pending->clock);
  g_weak_ref_clear (&pending->widget);
  g_free (pending->event);
  g_clear_pointer (&pending->fields, g_variant_unref);
  g_free (pending);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  PendingPaint *pending = user_data;

  agent_trace_write_at (agent_trace_now_ms (), pending->event, pending->fields);
  pending_paint_free (pending);
}

/* Runs before GTK's own render handler, which stops the emission: the frame is being drawn
 * now, and the frame clock's after-paint follows once it is on its way to the screen. */
static gboolean
on_surface_render_hook (GSignalInvocationHint *hint,
                        guint                  n_params,
                        const GValue          *params,
                        gpointer               user_data)
{
  GdkSurface *surface = g_value_get_object (&params[0]);
  GList *l = pending_paints;

  while (l != NULL)
    {
      GList *next = l->next;
      PendingPaint *pending = l->data;
      g_autoptr(GtkWidget) widget = g_weak_ref_get (&pending->widget);
      GtkNative *native;

      if (widget == NULL)
        {
          pending_paints = g_list_delete_link (pending_paints, l);
          pending_paint_free (pending);
        }
      else if (gtk_widget_get_mapped (widget) &&
               (native = gtk_widget_get_native (widget)) != NULL &&
               gtk_native_get_surface (native) == surface)
        {
          pending_paints = g_list_delete_link (pending_paints, l);
          pending->clock = g_object_ref (gdk_surface_get_frame_clock (surface));
          pending->handler = g_signal_connect (pending->clock, "after-paint",
                                               G_CALLBACK (on_after_paint_cb), pending);
        }
      l = next;
    }

  return TRUE;
}

/**
 * agent_trace_on_next_paint:
 * @widget: the widget that must be on screen
 * @event: the event name
 * @first_field: (nullable): field name/floating #GVariant pairs, then %NULL
 *
 * Writes @event when the first frame that shows @widget has been painted — not when it was
 * merely mapped. The fields are taken now, the time then. Does nothing when tracing is off.
 */
void
agent_trace_on_next_paint (GtkWidget  *widget,
                           const char *event,
                           const char *first_field,
                           ...)
{
  g_autoptr(GVariant) fields = NULL;
  PendingPaint *pending;
  va_list args;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (event != NULL);

  va_start (args, first_field);
  if (!agent_trace_enabled ())
    {
      drop_fields (first_field, args);
      va_end (args);
      return;
    }
  fields = collect_fields (first_field, args);
  va_end (args);

  if (render_hook_id == 0)
    {
      GTypeClass *klass = g_type_class_ref (GDK_TYPE_SURFACE);
      guint signal_id = g_signal_lookup ("render", GDK_TYPE_SURFACE);

      render_hook_id = g_signal_add_emission_hook (signal_id, 0, on_surface_render_hook,
                                                   NULL, NULL);
      g_type_class_unref (klass);
    }

  pending = g_new0 (PendingPaint, 1);
  g_weak_ref_init (&pending->widget, widget);
  pending->event = g_strdup (event);
  pending->fields = g_variant_ref (fields);
  pending_paints = g_list_append (pending_paints, pending);

  gtk_widget_queue_draw (widget);
}

static void
on_request_finished_cb (BbhClient  *client,
                        const char *method,
                        double      ms,
                        gboolean    ok,
                        gpointer    user_data)
{
  AGENT_TRACE ("request",
               "method", g_variant_new_string (method),
               "ms", g_variant_new_double (ms),
               "ok", g_variant_new_boolean (ok),
               NULL);
}

/**
 * agent_trace_connect_client:
 * @client: a #BbhClient
 *
 * Writes a `request` line for every request @client finishes.
 */
void
agent_trace_connect_client (GObject *client)
{
  g_return_if_fail (BBH_IS_CLIENT (client));

  if (!agent_trace_enabled ())
    return;

  g_signal_connect (client, "request-finished", G_CALLBACK (on_request_finished_cb), NULL);
}
