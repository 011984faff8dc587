/* main.c — babaihu-sandbox: a local server speaking the 八百呼 HTTP API
 *
 *   babaihu-sandbox [--port N] [--db FILE] [--demo] [--demo-size=N] [--simulate] [--listen ADDR]
 *
 * The first line on stdout is `listening on http://127.0.0.1:PORT`, the second
 * `control on http://127.0.0.1:PORT` (the control API's own port, never faulted).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <glib-unix.h>
#include <gst/gst.h>

#include "sandbox-server.h"
#include "sandbox-simulator.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* Hundreds of agents long-polling at once need hundreds of sockets. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

/* A sandbox started by the app or a test must not outlive it: an orphan keeps the parent's
 * stdout open (meson waits for it) and its port busy. */
static void
die_with_parent (void)
{
  pid_t parent = getppid ();

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    raise (SIGTERM);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SandboxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *shown_host = NULL;
  SandboxDb *db;
  int port = 0;
  int demo_size = 0;
  gboolean demo = FALSE;
  gboolean simulate = FALSE;
  gboolean with_parent = FALSE;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: a free one)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database (default: a temporary one)", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed the demo company", NULL },
    { "demo-size", 0, 0, G_OPTION_ARG_INT, &demo_size, "Number of demo customers (implies --demo)", "N" },
    { "simulate", 0, 0, G_OPTION_ARG_NONE, &simulate, "Give checked-in agents random incoming calls", NULL },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on (default 127.0.0.1)", "ADDR" },
    { "die-with-parent", 0, 0, G_OPTION_ARG_NONE, &with_parent,
      "Exit when the process that started this one exits (also BABAIHU_SANDBOX_DIE_WITH_PARENT=1)", NULL },
    { NULL }
  };

  g_set_prgname ("babaihu-sandbox");
  /* Stdout is the contract (`listening on …` first); with G_MESSAGES_DEBUG set, GLib would
   * print debug messages there too, ahead of it. */
  g_log_writer_default_set_use_stderr (TRUE);
  context = g_option_context_new ("— a local 八百呼 server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("babaihu-sandbox: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || demo_size < 0)
    {
      g_printerr ("babaihu-sandbox: --port is 0–65535 and --demo-size is not negative\n");
      return 2;
    }

  if (with_parent || g_strcmp0 (g_getenv ("BABAIHU_SANDBOX_DIE_WITH_PARENT"), "1") == 0)
    die_with_parent ();
  raise_file_limit ();
  gst_init (NULL, NULL);

  db = sandbox_db_open (db_path, &error);
  if (db == NULL)
    {
      g_printerr ("babaihu-sandbox: cannot open the database: %s\n", error->message);
      return 1;
    }

  if (demo || demo_size > 0)
    {
      SandboxSeedSize size = { 5000, 20000, 300 };

      if (demo_size > 0)
        {
          /* A smaller demo scales everything down, for fast tests. */
          size.customers = demo_size;
          size.call_records = MAX (demo_size * 5, 20);
          size.recordings = CLAMP (demo_size / 10, 5, 300);
        }
      if (!sandbox_seed_demo (db, &size, &error))
        {
          g_printerr ("babaihu-sandbox: cannot seed the demo data: %s\n", error->message);
          sandbox_db_close (db);
          return 1;
        }
    }

  server = sandbox_server_new (db, &error);
  if (server == NULL || !sandbox_server_listen (server, listen, port, &error))
    {
      g_printerr ("babaihu-sandbox: %s\n", error->message);
      g_clear_object (&server);
      sandbox_db_close (db);
      return 1;
    }
  if (simulate)
    sandbox_simulator_set_random (sandbox_server_get_simulator (server), TRUE);

  shown_host = (listen == NULL || g_str_equal (listen, "0.0.0.0") || g_str_equal (listen, "::"))
               ? g_strdup ("127.0.0.1")
               : strchr (listen, ':') ? g_strdup_printf ("[%s]", listen) : g_strdup (listen);
  /* The handlers come before the lines that say the sandbox is up: whoever reads them may
   * send SIGTERM at once, and must get a clean exit. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);

  g_print ("listening on http://%s:%u\n", shown_host, sandbox_server_get_port (server));
  g_print ("control on http://127.0.0.1:%u\n", sandbox_server_get_control_port (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_clear_object (&server);
  sandbox_db_close (db);
  return 0;
}
