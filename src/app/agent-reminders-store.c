/* agent-reminders-store.c — the reminders' SQLite table, owned by one worker thread
 *
 * The main loop never touches the disk: it pushes a Job to the pool (one thread) and gets the
 * answer back through the job's GTask.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-reminders"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "agent-reminders-private.h"

/* Fired reminders are kept this long, then dropped when the table is opened. */
#define KEEP_FIRED_MS       (G_GINT64_CONSTANT (90) * 24 * 3600 * 1000)

void
agent_reminders_job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_object (&job->reminder);
  g_free (job);
}

void
agent_reminders_store_free (Store *store)
{
  g_clear_pointer (&store->db, sqlite3_close);
  g_free (store->path);
  g_free (store);
}

gint64
agent_reminders_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static GError *
store_error (Store *store)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                      _("Could not use the reminder database: %s"),
                      store->db != NULL ? sqlite3_errmsg (store->db) : g_strerror (errno));
}

static AgentReminder *
reminder_from_row (sqlite3_stmt *stmt)
{
  return agent_reminder_new (sqlite3_column_int64 (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2),
                             (const char *) sqlite3_column_text (stmt, 3),
                             (const char *) sqlite3_column_text (stmt, 4),
                             (const char *) sqlite3_column_text (stmt, 5),
                             sqlite3_column_int64 (stmt, 6),
                             sqlite3_column_int64 (stmt, 7),
                             sqlite3_column_int (stmt, 8) != 0);
}

#define REMINDER_COLUMNS "id, server, account, phone, customer_phone, text, due_ms, memo_id, fired"

static void
run_open (Store *store,
          Job   *job)
{
  static const char *schema =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "CREATE TABLE IF NOT EXISTS reminders ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  server TEXT NOT NULL,"
    "  account TEXT NOT NULL,"
    "  phone TEXT NOT NULL,"
    "  customer_phone TEXT NOT NULL,"
    "  text TEXT NOT NULL DEFAULT '',"
    "  due_ms INTEGER NOT NULL,"
    "  memo_id INTEGER NOT NULL DEFAULT 0,"
    "  fired INTEGER NOT NULL DEFAULT 0,"
    "  created_ms INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (server, account, customer_phone, due_ms, text));";
  g_autofree char *dir = g_path_get_dirname (store->path);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      sqlite3_open (store->path, &store->db) != SQLITE_OK ||
      sqlite3_busy_timeout (store->db, 2000) != SQLITE_OK ||
      sqlite3_exec (store->db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_task_return_error (job->task, store_error (store));
      g_clear_pointer (&store->db, sqlite3_close);
      return;
    }

  /* Fired reminders are kept a while for "My follow-ups", then forgotten. */
  if (sqlite3_prepare_v2 (store->db, "DELETE FROM reminders WHERE fired = 1 AND due_ms < ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, agent_reminders_now_ms () - KEEP_FIRED_MS);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (store->db, "SELECT " REMINDER_COLUMNS " FROM reminders ORDER BY due_ms",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_error (job->task, store_error (store));
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, reminder_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    g_task_return_error (job->task, store_error (store));
  else
    g_task_return_pointer (job->task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

static void
run_insert (Store *store,
            Job   *job)
{
  AgentReminder *r = job->reminder;
  sqlite3_stmt *stmt = NULL;
  AgentReminder *stored = NULL;

  if (store->db == NULL)
    {
      g_task_return_error (job->task, store_error (store));
      return;
    }

  if (sqlite3_prepare_v2 (store->db,
                          "INSERT OR IGNORE INTO reminders (server, account, phone, customer_phone,"
                          " text, due_ms, memo_id, fired, created_ms)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, agent_reminder_get_server (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, agent_reminder_get_account (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, agent_reminder_get_phone (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, agent_reminder_get_customer_phone (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, agent_reminder_get_text (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, agent_reminder_get_due_ms (r));
  sqlite3_bind_int64 (stmt, 7, agent_reminder_get_memo_id (r));
  sqlite3_bind_int (stmt, 8, agent_reminder_get_fired (r));
  sqlite3_bind_int64 (stmt, 9, agent_reminders_now_ms ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);

  /* New or already there (the same memo synced twice): answer the stored row either way. */
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT " REMINDER_COLUMNS " FROM reminders WHERE server = ?"
                          " AND account = ? AND customer_phone = ? AND due_ms = ? AND text = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, agent_reminder_get_server (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, agent_reminder_get_account (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, agent_reminder_get_customer_phone (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, agent_reminder_get_due_ms (r));
  sqlite3_bind_text (stmt, 5, agent_reminder_get_text (r), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    goto fail;
  stored = reminder_from_row (stmt);
  sqlite3_finalize (stmt);

  g_task_return_pointer (job->task, stored, g_object_unref);
  return;

fail:
  g_task_return_error (job->task, store_error (store));
  sqlite3_finalize (stmt);
}

static void
run_update (Store      *store,
            const char *sql,
            Job        *job)
{
  sqlite3_stmt *stmt = NULL;

  if (store->db == NULL)
    return;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, job->value);
      sqlite3_bind_int64 (stmt, 2, job->id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_warning ("Could not update reminder %" G_GINT64_FORMAT ": %s", job->id,
                   sqlite3_errmsg (store->db));
    }
  sqlite3_finalize (stmt);
}

void
agent_reminders_run_job (gpointer data,
                         gpointer user_data)
{
  Job *job = data;
  Store *store = user_data;

  switch (job->type)
    {
    case JOB_OPEN:
      run_open (store, job);
      break;
    case JOB_INSERT:
      run_insert (store, job);
      break;
    case JOB_SET_FIRED:
      run_update (store, "UPDATE reminders SET fired = ? WHERE id = ?", job);
      break;
    case JOB_SET_MEMO_ID:
      run_update (store, "UPDATE reminders SET memo_id = ? WHERE id = ?", job);
      break;
    default:
      g_assert_not_reached ();
    }

  agent_reminders_job_free (job);
}
