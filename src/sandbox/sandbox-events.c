/* sandbox-events.c — per-agent messages with a monotonic watermark, and long-poll waiters
 *
 * Messages live in SQLite (table sandbox_events) so a client that comes back later, or a
 * sandbox restarted on the same --db, still finds them. The watermark is a unix millisecond
 * timestamp made strictly increasing: max (now, last + 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-events"

#include "config.h"

#include "sandbox-events.h"
#include "sandbox-server.h"

struct _SandboxEventsWaiter
{
  gint64                 exte_id;
  SandboxEventsWakeFunc  func;
  gpointer               user_data;
  gboolean               alive;
};

struct _SandboxEvents
{
  SandboxDb    *db;
  sqlite3_stmt *insert;
  sqlite3_stmt *query;
  sqlite3_stmt *latest;
  gint64        last_water_line;
  GHashTable   *waiters;   /* exte_id → GQueue of SandboxEventsWaiter (rc boxes) */
  guint         n_waiters;
};

static void
waiter_queue_free (gpointer data)
{
  GQueue *queue = data;

  g_queue_free_full (queue, (GDestroyNotify) g_rc_box_release);
}

SandboxEvents *
sandbox_events_new (SandboxDb  *db,
                    GError    **error)
{
  SandboxEvents *events;
  sqlite3 *handle = sandbox_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;

  if (!sandbox_db_exec (db,
                        "CREATE TABLE IF NOT EXISTS sandbox_events ("
                        " water_line INTEGER PRIMARY KEY,"
                        " exte_id INTEGER NOT NULL,"
                        " kind INTEGER NOT NULL,"
                        " phone TEXT NOT NULL DEFAULT '',"
                        " content TEXT NOT NULL DEFAULT '',"
                        " time_ms INTEGER NOT NULL,"
                        " client INTEGER NOT NULL DEFAULT 0);"
                        "CREATE INDEX IF NOT EXISTS sandbox_events_by_agent"
                        " ON sandbox_events (exte_id, water_line);",
                        error))
    return NULL;

  events = g_new0 (SandboxEvents, 1);
  events->db = db;
  events->waiters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, waiter_queue_free);

  if (sqlite3_prepare_v2 (handle, "SELECT MAX(water_line) FROM sandbox_events", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    events->last_water_line = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v3 (handle,
                          "INSERT INTO sandbox_events (water_line, exte_id, kind, phone, content,"
                          " time_ms, client) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, SQLITE_PREPARE_PERSISTENT, &events->insert, NULL) != SQLITE_OK
      || sqlite3_prepare_v3 (handle,
                             "SELECT kind, phone, content, time_ms, water_line FROM sandbox_events"
                             " WHERE exte_id = ? AND water_line > ? AND (client = 0 OR client != ?)"
                             " ORDER BY water_line LIMIT ?",
                             -1, SQLITE_PREPARE_PERSISTENT, &events->query, NULL) != SQLITE_OK
      || sqlite3_prepare_v3 (handle,
                             "SELECT MAX(water_line) FROM sandbox_events WHERE exte_id = ?",
                             -1, SQLITE_PREPARE_PERSISTENT, &events->latest, NULL) != SQLITE_OK)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "%s", sqlite3_errmsg (handle));
      sandbox_events_free (events);
      return NULL;
    }

  return events;
}

void
sandbox_events_free (SandboxEvents *events)
{
  if (events == NULL)
    return;

  sqlite3_finalize (events->insert);
  sqlite3_finalize (events->query);
  sqlite3_finalize (events->latest);
  g_hash_table_unref (events->waiters);
  g_free (events);
}

static void
wake_waiters (SandboxEvents *events,
              gint64         exte_id)
{
  GQueue *queue = g_hash_table_lookup (events->waiters, &exte_id);
  g_autoptr(GPtrArray) snapshot = NULL;

  if (queue == NULL || queue->length == 0)
    return;

  /* A woken waiter answers its request, which may unwatch others: work on references. */
  snapshot = g_ptr_array_new_with_free_func ((GDestroyNotify) g_rc_box_release);
  for (GList *l = queue->head; l; l = l->next)
    g_ptr_array_add (snapshot, g_rc_box_acquire (l->data));

  for (guint i = 0; i < snapshot->len; i++)
    {
      SandboxEventsWaiter *waiter = g_ptr_array_index (snapshot, i);

      if (waiter->alive && waiter->func (waiter->user_data))
        sandbox_events_unwatch (events, waiter);
    }
}

gint64
sandbox_events_append (SandboxEvents *events,
                       gint64         exte_id,
                       int            kind,
                       const char    *phone,
                       const char    *content,
                       gint64         time_ms,
                       int            source_client)
{
  gint64 now = sandbox_now_ms ();
  gint64 water_line = MAX (now, events->last_water_line + 1);

  sqlite3_reset (events->insert);
  sqlite3_bind_int64 (events->insert, 1, water_line);
  sqlite3_bind_int64 (events->insert, 2, exte_id);
  sqlite3_bind_int (events->insert, 3, kind);
  sqlite3_bind_text (events->insert, 4, phone ? phone : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (events->insert, 5, content ? content : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (events->insert, 6, time_ms > 0 ? time_ms : now);
  sqlite3_bind_int (events->insert, 7, source_client);
  if (sqlite3_step (events->insert) != SQLITE_DONE)
    {
      g_warning ("Could not store an event: %s",
                 sqlite3_errmsg (sandbox_db_get_handle (events->db)));
      return 0;
    }
  sqlite3_reset (events->insert);
  events->last_water_line = water_line;

  g_debug ("event agent=%" G_GINT64_FORMAT " kind=%d phone=%s content=%s wl=%" G_GINT64_FORMAT,
           exte_id, kind, phone, content, water_line);
  wake_waiters (events, exte_id);
  return water_line;
}

JsonArray *
sandbox_events_query (SandboxEvents *events,
                      gint64         exte_id,
                      int            client,
                      gint64         after,
                      guint          limit,
                      gint64        *out_last)
{
  JsonArray *msgs = json_array_new ();
  gint64 last = after;

  sqlite3_reset (events->query);
  sqlite3_bind_int64 (events->query, 1, exte_id);
  sqlite3_bind_int64 (events->query, 2, after);
  sqlite3_bind_int (events->query, 3, client);
  sqlite3_bind_int (events->query, 4, limit > 0 ? (int) MIN (limit, G_MAXINT) : 100);
  while (sqlite3_step (events->query) == SQLITE_ROW)
    {
      JsonObject *msg = json_object_new ();
      g_autofree char *kind = g_strdup_printf ("%d", sqlite3_column_int (events->query, 0));

      json_object_set_string_member (msg, "kind", kind);
      json_object_set_string_member (msg, "phone",
                                     (const char *) sqlite3_column_text (events->query, 1));
      json_object_set_string_member (msg, "content",
                                     (const char *) sqlite3_column_text (events->query, 2));
      json_object_set_int_member (msg, "time", sqlite3_column_int64 (events->query, 3));
      last = sqlite3_column_int64 (events->query, 4);
      json_object_set_int_member (msg, "waterLine", last);
      json_array_add_object_element (msgs, msg);
    }
  sqlite3_reset (events->query);

  if (out_last)
    *out_last = last;
  return msgs;
}

gint64
sandbox_events_get_latest (SandboxEvents *events,
                           gint64         exte_id)
{
  gint64 latest = 0;

  sqlite3_reset (events->latest);
  sqlite3_bind_int64 (events->latest, 1, exte_id);
  if (sqlite3_step (events->latest) == SQLITE_ROW)
    latest = sqlite3_column_int64 (events->latest, 0);
  sqlite3_reset (events->latest);
  return latest;
}

SandboxEventsWaiter *
sandbox_events_watch (SandboxEvents         *events,
                      gint64                 exte_id,
                      SandboxEventsWakeFunc  func,
                      gpointer               user_data)
{
  SandboxEventsWaiter *waiter = g_rc_box_new0 (SandboxEventsWaiter);
  GQueue *queue = g_hash_table_lookup (events->waiters, &exte_id);

  waiter->exte_id = exte_id;
  waiter->func = func;
  waiter->user_data = user_data;
  waiter->alive = TRUE;

  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (events->waiters, g_memdup2 (&exte_id, sizeof exte_id), queue);
    }
  g_queue_push_tail (queue, waiter);
  events->n_waiters++;
  return waiter;
}

void
sandbox_events_unwatch (SandboxEvents       *events,
                        SandboxEventsWaiter *waiter)
{
  GQueue *queue;

  if (waiter == NULL || !waiter->alive)
    return;

  waiter->alive = FALSE;
  events->n_waiters--;
  queue = g_hash_table_lookup (events->waiters, &waiter->exte_id);
  if (queue != NULL && g_queue_remove (queue, waiter))
    {
      if (queue->length == 0)
        g_hash_table_remove (events->waiters, &waiter->exte_id);
      g_rc_box_release (waiter);
    }
}

guint
sandbox_events_get_n_waiters (SandboxEvents *events)
{
  return events->n_waiters;
}

char *
sandbox_events_call_content (int    status,
                             gint64 cdr_id,
                             int    talk_seconds)
{
  return g_strdup_printf ("{status:%d,cdrId:%" G_GINT64_FORMAT ",talkTimes:%d}",
                          status, cdr_id, talk_seconds);
}

gint64
sandbox_events_push (SandboxServer *server,
                     gint64         exte_id,
                     int            kind,
                     const char    *phone,
                     const char    *content)
{
  g_return_val_if_fail (server != NULL, 0);

  return sandbox_events_append (sandbox_server_get_events (server), exte_id, kind, phone,
                                content, sandbox_now_ms (), 0);
}
