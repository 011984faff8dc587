/* bbh-tls.c — load the system's certificate authorities before the first HTTPS request
 *
 * The first TLS handshake of a process asks GIO for the default certificate database, and
 * glib-networking reads and parses the whole system CA list right then, under its lock: 20–90 ms
 * on an ordinary laptop, over a second under AddressSanitizer. Done by the first request, that
 * is a stall of the main loop. Asked for once on a worker thread at startup, the list is ready
 * (or being read there) by the time the agent logs in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-tls"

#include "config.h"

#include "bbh-tls.h"

static void
warm_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  g_autoptr(GTlsDatabase) database = NULL;

  if (g_tls_backend_supports_tls (backend))
    database = g_tls_backend_get_default_database (backend);
  g_debug ("certificate database %s", database != NULL ? "loaded" : "not available");
  g_task_return_boolean (task, database != NULL);
}

/**
 * bbh_tls_warm_up_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context once the database is loaded
 * @user_data: data for @callback
 *
 * Loads GIO's default certificate database (the system's CA list) on a worker thread, so that
 * the first HTTPS connection does not load it on the main loop.
 */
void
bbh_tls_warm_up_async (GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, bbh_tls_warm_up_async);
  g_task_set_name (task, "[bbh] certificate database");
  g_task_run_in_thread (task, warm_up_thread);
}

/**
 * bbh_tls_warm_up_finish:
 *
 * Returns: %TRUE when a certificate database is there (%FALSE without TLS support)
 */
gboolean
bbh_tls_warm_up_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bbh_tls_warm_up:
 *
 * bbh_tls_warm_up_async() without a callback; only the first call of a process does anything.
 * Call it at startup, before anything connects.
 */
void
bbh_tls_warm_up (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      bbh_tls_warm_up_async (NULL, NULL, NULL);
      g_once_init_leave (&started, 1);
    }
}
