//! Endpoint facts as constants: method, path, servers, operation id, where the api key goes, the
//! security schemes, the request's media type and the declared responses.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::ir::{Endpoint, ResponseInfo};
use crate::read::{OperationKind, ParamLocation, SchemeKind};

fn opt(s: &Option<String>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

impl Emitter<'_> {
    fn location(&self, l: ParamLocation) -> TokenStream {
        let rt = &self.p.rt;
        match l {
            ParamLocation::Query => quote!(#rt::ParamLocation::Query),
            ParamLocation::Header => quote!(#rt::ParamLocation::Header),
            ParamLocation::Path => quote!(#rt::ParamLocation::Path),
            ParamLocation::Cookie => quote!(#rt::ParamLocation::Cookie),
        }
    }

    /// `responses`: the declared responses of the operation (`None`: the bundled layout, which
    /// lists none).
    pub fn endpoint(&self, ep: &Endpoint, responses: Option<&[ResponseInfo]>) -> TokenStream {
        let rt = &self.p.rt;
        let method = &ep.method;
        let path = &ep.path;
        let op = &ep.operation_id;
        let server = ep.servers.first().map(|s| s.url.clone()).unwrap_or_default();
        let servers = ep.servers.iter().map(|s| {
            let url = &s.url;
            let description = opt(&s.description);
            let vars = s.variables.iter().map(|v| {
                let name = &v.name;
                let default = &v.default;
                let values = &v.values;
                let description = opt(&v.description);
                quote!(#rt::ServerVariable { name: #name, default: #default, values: &[#(#values),*], description: #description })
            });
            quote!(#rt::Server { url: #url, description: #description, variables: &[#(#vars),*] })
        });
        let auth = ep.auth.iter().map(|a| {
            let scheme = &a.scheme;
            let name = &a.name;
            let location = self.location(a.location);
            quote!(#rt::ApiKey { scheme: #scheme, location: #location, name: #name })
        });
        let path_doc = match &ep.kind {
            OperationKind::Path => " The path of this API, to append to a server URL.".to_owned(),
            OperationKind::Webhook(k) => {
                format!(" Empty: webhook `{k}` is sent by the vendor to a URL the receiver chooses.")
            }
            OperationKind::Callback { name, .. } => {
                format!(" The runtime expression of the URL callback `{name}` is sent to.")
            }
        };
        let mut out = quote! {
            /// The HTTP method of this API.
            pub const METHOD: &str = #method;
            #[doc = #path_doc]
            pub const PATH: &str = #path;
            /// The spec's `operationId`.
            pub const OPERATION_ID: &str = #op;
            /// The default server URL (`{name}` parts are variables listed in [`SERVERS`]).
            pub const SERVER: &str = #server;
            /// Every server the spec lists, the default first.
            pub const SERVERS: &[#rt::Server] = &[#(#servers),*];
            /// The api keys the request carries, and where.
            pub const AUTH: &[#rt::ApiKey] = &[#(#auth),*];
        };
        // The facts the bundled layout did not have are written where there is something to
        // say, so the bundled modules stay as they were.
        let only_api_keys = ep.security.len() <= 1
            && ep
                .security
                .iter()
                .flatten()
                .all(|(s, scopes)| matches!(s.kind, SchemeKind::ApiKey { .. }) && scopes.is_empty());
        if !only_api_keys || responses.is_some() {
            let reqs = ep.security.iter().map(|req| {
                let items = req.iter().map(|(s, scopes)| self.security(s, scopes));
                quote!(&[#(#items),*])
            });
            out.extend(quote! {
                /// The security requirements: the call needs every scheme of one of these lists
                /// (an empty list: no authentication).
                pub const SECURITY: &[&[#rt::Security]] = &[#(#reqs),*];
            });
        }
        if let Some(media) = &ep.request_media {
            if media != "application/json" || responses.is_some() {
                out.extend(quote! {
                    /// The media type of the request body.
                    pub const REQUEST_MEDIA: &str = #media;
                });
            }
        }
        if let Some(responses) = responses {
            let rs = responses.iter().map(|r| {
                let status = &r.status;
                let media = opt(&r.media);
                let description = opt(&r.description.as_ref().map(|d| crate::doc_text::one_line(d)));
                quote!(#rt::ResponseInfo { status: #status, media: #media, description: #description })
            });
            out.extend(quote! {
                /// Every response the spec declares, in its order.
                pub const RESPONSES: &[#rt::ResponseInfo] = &[#(#rs),*];
            });
        }
        if ep.deprecated {
            out.extend(quote! {
                /// The spec marks this operation deprecated.
                pub const DEPRECATED: bool = true;
            });
        }
        out
    }

    fn security(&self, s: &crate::read::SecurityScheme, scopes: &[String]) -> TokenStream {
        let rt = &self.p.rt;
        let name = &s.name;
        let auth = match &s.kind {
            SchemeKind::ApiKey { location, name: key } => {
                let location = self.location(*location);
                quote!(#rt::Auth::ApiKey(#rt::ApiKey { scheme: #name, location: #location, name: #key }))
            }
            SchemeKind::Http { scheme, bearer_format } => {
                let bf = opt(bearer_format);
                quote!(#rt::Auth::Http { scheme: #scheme, bearer_format: #bf })
            }
            SchemeKind::OAuth2 { flows } => {
                let flows = flows.iter().map(|f| {
                    let kind = &f.kind;
                    let (a, t, r) = (opt(&f.authorization_url), opt(&f.token_url), opt(&f.refresh_url));
                    let scopes = f.scopes.iter().map(|(k, v)| quote!((#k, #v)));
                    quote!(#rt::OAuthFlow { kind: #kind, authorization_url: #a, token_url: #t, refresh_url: #r, scopes: &[#(#scopes),*] })
                });
                quote!(#rt::Auth::OAuth2 { flows: &[#(#flows),*] })
            }
            SchemeKind::OpenIdConnect { url } => quote!(#rt::Auth::OpenIdConnect { url: #url }),
            SchemeKind::MutualTls => quote!(#rt::Auth::MutualTls),
        };
        quote!(#rt::Security { scheme: #name, auth: #auth, scopes: &[#(#scopes),*] })
    }
}
