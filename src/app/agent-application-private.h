/* agent-application-private.h — what agent-application.c shares with its actions
 * (agent-application-actions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "agent-application.h"

G_BEGIN_DECLS

/* `quit` must end the process within 5 s: check-out gets 2 s, this is the backstop. */
#define QUIT_BACKSTOP_MS 4000

struct _AgentApplication
{
  AdwApplication parent_instance;

  /* Owned */
  GSettings        *settings;
  AgentSession     *session;
  AgentCredentials *credentials;
  AgentSandbox     *sandbox;
  GCancellable     *cancellable;
  char             *pending_dial;
  char             *pending_page;
  char             *last_server;
  char             *last_account;
  guint             quit_backstop_id;
  guint             auto_login_id;
  guint             present_id;     /* the window waits for a login under way */

  guint             quitting : 1;
  guint             starting : 1;       /* a login is being prepared (sandbox, file, keyring) */
  guint             on_sandbox : 1;
};

enum {
  DIAL_REQUESTED,
  OPEN_CUSTOMER_REQUESTED,
  PLAY_RECORDING_REQUESTED,
  N_SIGNALS
};

extern guint agent_application_signals[N_SIGNALS];

/* agent-application-actions.c: the app.* actions of DESIGN.md and their accelerators. */
void         agent_application_install_actions (AgentApplication *self);

/* agent-application.c, for the actions */
AgentWindow *agent_application_ensure_window   (AgentApplication *self);
gboolean     agent_application_needs_session   (AgentApplication *self,
                                                const char       *what);
void         agent_application_request_dial    (AgentApplication *self,
                                                const char       *number);
void         agent_application_clear_pending   (AgentApplication *self);
void         agent_application_on_credentials_forgotten_cb (GObject      *object,
                                                            GAsyncResult *result,
                                                            gpointer      user_data);

G_END_DECLS
