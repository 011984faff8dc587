/* agent-trace.h — JSON-lines trace of what the application did (BABAIHU_TRACE=FILE)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean     agent_trace_enabled          (void);
void         agent_trace_write            (const char *event,
                                           const char *first_field,
                                           ...) G_GNUC_NULL_TERMINATED;
void         agent_trace_write_at         (double      ts_ms,
                                           const char *event,
                                           GVariant   *fields);
void         agent_trace_on_next_paint    (GtkWidget  *widget,
                                           const char *event,
                                           const char *first_field,
                                           ...) G_GNUC_NULL_TERMINATED;
void         agent_trace_flush            (void);
void         agent_trace_connect_client   (GObject    *client);
double       agent_trace_now_ms           (void);

/**
 * AGENT_TRACE:
 * @event: the event name
 * @...: pairs of a field name and a floating #GVariant, then %NULL
 *
 * Writes a trace line; when tracing is off the arguments are not even evaluated.
 *
 *     AGENT_TRACE ("page-shown", "page", g_variant_new_string (name),
 *                  "rows", g_variant_new_uint32 (rows), NULL);
 */
#define AGENT_TRACE(event, ...) \
  G_STMT_START { \
    if (agent_trace_enabled ()) \
      agent_trace_write (event, __VA_ARGS__); \
  } G_STMT_END

G_END_DECLS
