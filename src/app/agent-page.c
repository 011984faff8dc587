/* agent-page.c — what the main window needs from a page of its view stack
 *
 * `show-page` ends in `page-shown` with the number of rows in the page's main list once its
 * first data is on screen. A page that has a list implements this interface: the window asks
 * it to load and waits for ::loaded. A page without one is shown with 0 rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-page"

#include "config.h"

#include "agent-page.h"

G_DEFINE_INTERFACE (AgentPage, agent_page, GTK_TYPE_WIDGET)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
agent_page_default_init (AgentPageInterface *iface)
{
  /**
   * AgentPage::loaded:
   * @self: the page
   * @rows: rows in the page's main list
   *
   * The page's first data is on screen (or its error state is).
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

/**
 * agent_page_load:
 * @self: a #AgentPage
 * @session: the logged-in session
 *
 * Loads the page's first data; ::loaded follows, also when it was loaded before.
 */
void
agent_page_load (AgentPage    *self,
                 AgentSession *session)
{
  AgentPageInterface *iface;

  g_return_if_fail (AGENT_IS_PAGE (self));
  g_return_if_fail (AGENT_IS_SESSION (session));

  iface = AGENT_PAGE_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, session);
  else
    agent_page_loaded (self, 0);
}

/**
 * agent_page_loaded:
 * @self: a #AgentPage
 * @rows: rows in the page's main list now on screen
 *
 * Called by the page when its data is on screen.
 */
void
agent_page_loaded (AgentPage *self,
                   guint      rows)
{
  g_return_if_fail (AGENT_IS_PAGE (self));

  g_signal_emit (self, signals[LOADED], 0, rows);
}
