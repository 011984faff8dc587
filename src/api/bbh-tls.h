/* bbh-tls.h — load the system's certificate authorities before the first HTTPS request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      bbh_tls_warm_up_async  (GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean  bbh_tls_warm_up_finish (GAsyncResult         *result,
                                  GError              **error);
void      bbh_tls_warm_up        (void);

G_END_DECLS
